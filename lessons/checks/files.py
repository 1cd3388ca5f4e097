"""``FileCheck``: a file in the learner's home on the control-plane host (session.fs).

``~`` is /root and a relative path is under /root (view.home_path). ``yaml`` tests fields of the
file read as kubectl reads a manifest (sandbox/kubectl/manifests.py: documents split at ``---``,
go-yaml's scalar rules): paths address the first document, except paths starting with
``documents`` which address the list of all documents (``documents[1].kind``,
``documents[*].metadata.name``). Parsed files are cached by their text, so a check running after
every change does not parse an unchanged file again.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from lessons.schema.model import FileCheck
from sandbox.kubectl.errors import KubectlError
from sandbox.kubectl.manifests import split_yaml_documents
from sandbox.kubectl.yamlreader import YamlError, yaml_to_python

from .objects import fields_mismatch
from .outcome import PASSED, Outcome, failed
from .values import mismatch, passes
from .view import View


@lru_cache(maxsize=64)
def _documents(text: str) -> tuple[Any, ...] | str:
    """The documents of a YAML text, or the reason it cannot be read."""
    try:
        docs = [yaml_to_python(doc) for doc in split_yaml_documents(text)]
    except (YamlError, KubectlError) as err:
        return str(err)
    return tuple(doc for doc in docs if doc is not None)


def evaluate_file(check: FileCheck, view: View) -> Outcome:
    label = f"file {check.path}"
    content = view.read_file(check.path)
    if not check.exists:
        return PASSED if content is None else failed(f"{label} exists")
    if content is None:
        return failed(f"{label} does not exist")
    if check.contains is not None and not passes(check.contains, content):
        if check.contains.op == "contains":
            return failed(f"{label} does not contain \"{check.contains.value}\"")
        if check.contains.op == "regex":
            return failed(f"{label} has no match for \"{check.contains.value}\"")
        return failed(f"{label} is {mismatch(content, check.contains)}")
    if check.yaml:
        docs = _documents(content)
        if isinstance(docs, str):
            return failed(f"{label} is not valid YAML ({docs})")
        if not docs:
            return failed(f"{label} has no YAML document")
        root = {"documents": list(docs)}
        for path, test in check.yaml:
            obj = root if path == "documents" or path.startswith(("documents.", "documents[")) else docs[0]
            why = fields_mismatch(obj, ((path, test),), label)
            if why:
                return failed(why)
    return PASSED


__all__ = ["evaluate_file"]
