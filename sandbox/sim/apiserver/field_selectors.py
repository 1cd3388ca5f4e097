"""Field selectors (apimachinery pkg/fields/selector.go ParseSelector) and the field labels each
kind accepts (pkg/apis/core/v1/conversion.go AddFieldLabelConversionsFor*, registry ToSelectableFields).

``parse_field_selector("status.phase=Running,spec.nodeName!=node01", "Pod")`` raises SelectorError
with the API server's text (``field label not supported: foo``, ``invalid selector: ...``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class SelectorError(ValueError):
    """A selector that labels.Parse / fields.ParseSelector rejects; ``str()`` is the Go message."""


_OBJECT_META = {"metadata.name", "metadata.namespace"}
FIELD_LABELS: dict[str, set[str]] = {
    "Pod": _OBJECT_META | {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                           "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName",
                           "spec.host"},
    "Event": _OBJECT_META | {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                             "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                             "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"},
    "Namespace": {"metadata.name", "status.phase"},
    "Node": {"metadata.name", "spec.unschedulable"},
}


@dataclass(frozen=True, slots=True)
class FieldTerm:
    field: str
    value: str
    negate: bool = False


@dataclass(frozen=True, slots=True)
class FieldSelector:
    terms: tuple[FieldTerm, ...] = ()

    def matches(self, fields: dict[str, str]) -> bool:
        """Each term against a fields.Set (see selectable_fields)."""
        return all((fields.get(t.field, "") == t.value) != t.negate for t in self.terms)

    def matches_object(self, obj: dict[str, Any]) -> bool:
        return self.matches(selectable_fields(obj))

    def empty(self) -> bool:
        return not self.terms


def _split_terms(selector: str) -> list[str]:
    """splitTerms: commas split terms unless escaped with a backslash."""
    if not selector:
        return []
    terms, start, escaped = [], 0, False
    for i, ch in enumerate(selector):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            terms.append(selector[start:i])
            start = i + 1
    terms.append(selector[start:])
    return terms


def _split_term(term: str) -> tuple[str, str, str] | None:
    for i in range(len(term)):
        for op in ("!=", "==", "="):
            if term.startswith(op, i):
                return term[:i], op, term[i + len(op):]
    return None


def _unescape(value: str) -> str:
    """UnescapeValue: ``\\,`` ``\\=`` ``\\\\`` only; a bare ``,`` or ``=`` is an error (printed as a rune number)."""
    if not any(ch in value for ch in "\\,="):
        return value
    out, escaped = [], False
    for ch in value:
        if escaped:
            if ch not in "\\,=":
                raise SelectorError(f"invalid field selector: invalid escape sequence: \\{ch}")
            out.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in ",=":
            raise SelectorError(f"invalid field selector: unescaped character in value: {ord(ch)}")
        else:
            out.append(ch)
    if escaped:
        raise SelectorError("invalid field selector: invalid escape sequence: \\")
    return "".join(out)


_KIND_OF_RESOURCE = {"pods": "Pod", "events": "Event", "namespaces": "Namespace", "nodes": "Node"}


def parse_field_selector(selector: str, kind: str | None = None) -> FieldSelector:
    """fields.ParseSelector, then the kind's field label conversion (ListResource's Transform).

    ``kind`` is a Kind ("Pod") or a resource ("pods"); without it no label is checked.
    """
    kind = _KIND_OF_RESOURCE.get(kind, kind) if kind else kind
    terms: list[FieldTerm] = []
    for part in sorted(_split_terms(selector)):
        if not part:
            continue
        split = _split_term(part)
        if split is None:
            raise SelectorError(f"invalid selector: '{selector}'; can't understand '{part}'")
        lhs, op, rhs = split
        terms.append(FieldTerm(lhs, _unescape(rhs), op == "!="))
    if kind is not None:
        terms = [_convert(term, kind) for term in terms]
    return FieldSelector(tuple(terms))


def _convert(term: FieldTerm, kind: str) -> FieldTerm:
    supported = FIELD_LABELS.get(kind, _OBJECT_META)
    if term.field not in supported:
        raise SelectorError(f"field label not supported: {term.field}")
    if kind == "Pod" and term.field == "spec.host":  # old v1 clients
        return FieldTerm("spec.nodeName", term.value, term.negate)
    return term


def selectable_fields(obj: dict[str, Any]) -> dict[str, str]:
    """The registry's GetAttrs field set for a Pod, Event, Namespace or Node."""
    meta, spec, status = obj.get("metadata") or {}, obj.get("spec") or {}, obj.get("status") or {}
    fields = {"metadata.name": str(meta.get("name", "")), "metadata.namespace": str(meta.get("namespace", ""))}
    kind = obj.get("kind")
    if kind == "Pod":
        ips = status.get("podIPs") or []
        fields.update({
            "spec.nodeName": str(spec.get("nodeName", "")), "spec.restartPolicy": str(spec.get("restartPolicy", "")),
            "spec.schedulerName": str(spec.get("schedulerName", "")),
            "spec.serviceAccountName": str(spec.get("serviceAccountName", "")),
            "spec.hostNetwork": "true" if spec.get("hostNetwork") else "false",
            "status.phase": str(status.get("phase", "")),
            "status.podIP": str(ips[0].get("ip", "")) if ips else str(status.get("podIP", "")),
            "status.nominatedNodeName": str(status.get("nominatedNodeName", "")),
        })
    elif kind == "Event":
        involved = obj.get("involvedObject") or {}
        for key in ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"):
            fields[f"involvedObject.{key}"] = str(involved.get(key, ""))
        fields.update({"reason": str(obj.get("reason", "")), "type": str(obj.get("type", "")),
                       "source": str((obj.get("source") or {}).get("component", "")),
                       "reportingComponent": str(obj.get("reportingComponent", ""))})
    elif kind == "Namespace":
        fields.pop("metadata.namespace")
        fields["status.phase"] = str(status.get("phase", ""))
    elif kind == "Node":
        fields.pop("metadata.namespace")
        fields["spec.unschedulable"] = "true" if spec.get("unschedulable") else "false"
    return fields
