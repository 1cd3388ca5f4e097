"""``kubectl get -o yaml``: sigs.k8s.io/yaml over go-yaml v2, ported for the values kubectl prints.

cli-runtime ``pkg/printers/yaml.go`` calls ``yaml.Marshal(obj)`` of sigs.k8s.io/yaml: JSON-encode,
decode that JSON with go-yaml v2 (``JSONToYAML``), and marshal the result with go-yaml v2. So:

* numbers go through JSON first (``2.0`` -> ``2``; floats in 'g' form, ``1.2345675e+06``);
* map keys are sorted by go-yaml's ``keyList.Less`` (sorter.go): a "natural" order where digit
  runs compare as numbers (``s2`` < ``s10``) and non-letters sort before letters;
* a string that would resolve to another type unquoted (``"True"``, ``"1"``, ``"null"``, a
  timestamp, a base-60 float like ``"1:20"``) is double-quoted (encode.go ``stringv``);
  a string with a newline uses literal block style (``|``, ``|-``, ``|+``);
* the emitter (emitterc.go) then picks the style it can: plain, else single-quoted, else
  double-quoted; block indent 2; sequences in mappings are not indented; ``{}``/``[]`` for empty
  collections; plain and quoted scalars are folded at spaces past column 80 (best_width).

Byte-level rules (``is_printable``, ``is_break``, the BOM check on byte 0, widths) are kept as in
yamlprivateh.go, so odd inputs come out as kubectl prints them. Checked against kubectl 1.32,
see tests/kubectl/test_yaml_printer.py.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from sandbox.kubectl.errors import CmdError
from sandbox.kubectl.printers.json import as_list
from sandbox.kubectl.printers.goyaml_emitter import _Emitter


class YamlError(CmdError):
    """What sigs.k8s.io/yaml fails with; kubectl prints ``error: <message>`` and exits 1 (the
    printer's error goes to cmdutil.CheckErr like any other)."""


# yaml_parser_update_buffer: characters go-yaml refuses to read back from the JSON text
_NOT_READABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


class _KeyBreak(Exception):
    pass


def _nel_before_bad_key(value: Any, seen: list[int]) -> bool:
    """Count NELs in the compact JSON text up to the end of the first key holding one (Go order)."""
    if isinstance(value, str):
        seen[0] += value.count("\u0085")
    elif isinstance(value, Mapping):
        for k in sorted(value, key=lambda x: x.encode("utf-8", "surrogatepass")):
            seen[0] += k.count("\u0085")
            if "\u0085" in k or _nel_before_bad_key(value[k], seen):
                return True
    elif isinstance(value, (list, tuple)):
        return any(_nel_before_bad_key(v, seen) for v in value)
    return False


_NEL_RUN = re.compile("[ \u0085]*\u0085[ \u0085]*")


def _fold_nel(match: re.Match[str]) -> str:
    breaks = match.group().count("\u0085")
    return " " if breaks == 1 else "\n" * (breaks - 1)


def _read_back(value: Any) -> Any:
    """What JSONToYAML's ``yaml.Unmarshal`` of the JSON text gives back.

    encoding/json leaves NEL (U+0085) raw, and go-yaml reads it as a line break inside a
    double-quoted scalar: folded with the spaces around it (yaml_parser_scan_flow_scalar), one
    break to a space, n breaks to n-1 newlines. In a key it ends the flow mapping: an error."""
    if isinstance(value, str):
        if _NOT_READABLE.search(value):
            raise YamlError("yaml: control characters are not allowed")
        return _NEL_RUN.sub(_fold_nel, value) if "\u0085" in value else value
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if "\u0085" in k:
                raise _KeyBreak()
            out[_read_back(k)] = _read_back(v)
        return out
    if isinstance(value, (list, tuple)):
        return [_read_back(v) for v in value]
    return value


def marshal(value: Any) -> str:
    """sigs.k8s.io/yaml.Marshal of a JSON-shaped value: one implicit document, newline-terminated.

    Raises YamlError for strings go-yaml cannot read back (DEL, C1 controls, U+FFFE/U+FFFF, or
    a key holding NEL, which ends the flow mapping)."""
    try:
        value = _read_back(value)
    except _KeyBreak:
        seen = [0]
        _nel_before_bad_key(value, seen)  # the parser fails at the ':' after that key
        raise YamlError(f"yaml: line {seen[0]}: did not find expected ',' or '}}'") from None
    emitter = _Emitter()
    emitter.node(value)
    emitter.write_indent()  # yaml_emitter_emit_document_end
    return "".join(emitter.out)


def to_yaml(obj: Any) -> str:
    """What ``kubectl get -o yaml`` prints for one object; a Python list prints as a ``List``."""
    if isinstance(obj, list):
        obj = as_list(obj)
    return marshal(obj)
