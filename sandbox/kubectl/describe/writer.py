"""The text machinery every ``kubectl describe`` shares (kubectl ``pkg/describe/describe.go``).

``tabbed(fn)`` is tabbedString: the describer writes through a PrefixWriter into a text/tabwriter
(minwidth 0, tabwidth 8, padding 2, no flags), flushed at the end. PrefixWriter.Write indents by
two spaces per level and passes everything through printers.WriteEscaped (``\\x1b`` -> ``^[``,
``\\r`` -> ``\\r``). Also here: printLabelsMultiline, printAnnotationsMultiline, taints,
tolerations, translateTimestampSince, and Go's strings.TrimSpace.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from sandbox.kubectl.describe.gosort import go_sort
from sandbox.kubectl.printers.tabwriter import TabWriter, describe_writer
from sandbox.sim.durations import human_since
from sandbox.sim.timefmt import parse_rfc3339, rfc1123z

LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4 = range(5)
MAX_ANNOTATION_LEN = 140
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


class PrefixWriter:
    def __init__(self, tab: TabWriter) -> None:
        self.tab = tab

    def write(self, level: int, text: str) -> None:
        """Write(level, format, args...) with the formatting already done by the caller."""
        self.tab.write(_escape("  " * level + text))

    def write_line(self, text: str = "") -> None:
        """WriteLine(a): fmt.Sprintln of one operand."""
        self.tab.write(_escape(text + "\n"))

    def flush(self) -> None:
        self.tab.flush()


def _escape(text: str) -> str:
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def tabbed(fn: Callable[[PrefixWriter], None]) -> str:
    """tabbedString: run ``fn`` against a fresh describe tabwriter and return the text."""
    tab = describe_writer()
    fn(PrefixWriter(tab))
    tab.flush()
    return tab.getvalue()


# --- time -----------------------------------------------------------------------------------------
def since(now: float, timestamp: str | None) -> str:
    """translateTimestampSince / translateMicroTimestampSince: ``<unknown>`` for a zero time."""
    if not timestamp:
        return "<unknown>"
    return human_since(now, parse_rfc3339(timestamp))


def rfc1123(timestamp: str | None) -> str:
    """``t.Time.Format(time.RFC1123Z)``; a zero time prints Go's zero instant."""
    if not timestamp:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    return rfc1123z(parse_rfc3339(timestamp))


# --- strings ----------------------------------------------------------------------------------
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
            "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def trim_space(text: str) -> str:
    """strings.TrimSpace: unicode.IsSpace at both ends."""
    return text.strip(_GO_SPACE)


def go_bool(value: Any) -> str:
    return "true" if value else "false"


def print_bool(value: Any) -> str:
    return "True" if value else "False"


def _go_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _shorten(text: str, max_length: int) -> str:
    """shorten: Go slices bytes, which may split a character."""
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > max_length:
        return raw[:max_length].decode("utf-8", "replace") + "..."
    return text


# --- multi-line maps ------------------------------------------------------------------------
def print_labels_multiline(w: PrefixWriter, title: str, labels: Mapping[str, str] | None,
                           initial_indent: str = "", inner_indent: str = "\t") -> None:
    """printLabelsMultilineWithIndent: ``k=v`` sorted, one per line, ``<none>`` if empty."""
    w.write(LEVEL_0, f"{initial_indent}{title}:{inner_indent}")
    if not labels:
        w.write_line("<none>")
        return
    for i, key in enumerate(sorted(labels)):
        if i != 0:
            w.write(LEVEL_0, initial_indent)
            w.write(LEVEL_0, inner_indent)
        w.write(LEVEL_0, f"{key}={labels[key]}\n")


def print_annotations_multiline(w: PrefixWriter, title: str, annotations: Mapping[str, str] | None) -> None:
    """printAnnotationsMultiline: last-applied-configuration is hidden; values longer than 140
    bytes (with the key) or with newlines go on their own lines, each cut at 138 bytes."""
    w.write(LEVEL_0, f"{title}:\t")
    keys = sorted(k for k in (annotations or {}) if k != LAST_APPLIED)
    if not keys:
        w.write_line("<none>")
        return
    assert annotations is not None
    for i, key in enumerate(keys):
        if i != 0:
            w.write(LEVEL_0, "\t")
        value = annotations[key].removesuffix("\n")
        if _go_len(value) + _go_len(key) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(LEVEL_0, f"{key}:\n")
            for line in value.split("\n"):
                w.write(LEVEL_0, f"\t  {_shorten(line, MAX_ANNOTATION_LEN - 2)}\n")
        else:
            w.write(LEVEL_0, f"{key}: {value}\n")


def taint_string(taint: Mapping[str, Any]) -> str:
    """Taint.ToString: ``key[=value]:effect``."""
    key, value, effect = taint.get("key", ""), taint.get("value", ""), taint.get("effect", "")
    return f"{key}={value}:{effect}" if value else f"{key}:{effect}"


def print_taints_multiline(w: PrefixWriter, title: str, taints: Sequence[Mapping[str, Any]] | None) -> None:
    """printTaintsMultilineWithIndent: sorted by ``effect,key`` (sort.Slice)."""
    w.write(LEVEL_0, f"{title}:\t")
    if not taints:
        w.write_line("<none>")
        return
    ordered = go_sort(list(taints), lambda a, b: f"{a.get('effect', '')},{a.get('key', '')}"
                      < f"{b.get('effect', '')},{b.get('key', '')}")
    for i, taint in enumerate(ordered):
        if i != 0:
            w.write(LEVEL_0, "\t")
        w.write(LEVEL_0, taint_string(taint) + "\n")


def print_tolerations_multiline(w: PrefixWriter, title: str,
                                tolerations: Sequence[Mapping[str, Any]] | None) -> None:
    """printTolerationsMultilineWithIndent: ``key[=value][:effect] [op=Exists][ for Ns]``."""
    w.write(LEVEL_0, f"{title}:\t")
    if not tolerations:
        w.write_line("<none>")
        return
    ordered = go_sort(list(tolerations), lambda a, b: a.get("key", "") < b.get("key", ""))
    for i, t in enumerate(ordered):
        if i != 0:
            w.write(LEVEL_0, "\t")
        key, value, effect = t.get("key", ""), t.get("value", ""), t.get("effect", "")
        text = key
        if value:
            text += f"={value}"
        if effect:
            text += f":{effect}"
        if t.get("operator") == "Exists" and not value:
            text += " op=Exists" if key or effect else "op=Exists"
        if t.get("tolerationSeconds") is not None:
            text += f" for {t['tolerationSeconds']}s"
        w.write(LEVEL_0, text + "\n")
