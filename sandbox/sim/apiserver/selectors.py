"""Label selectors, as apimachinery pkg/labels/selector.go parses and matches them (1.32).

``parse_label_selector("app=web,tier in (a,b),!canary")`` -> LabelSelector; ``.matches(labels)``.
Grammar: requirements separated by commas (AND); ``key``, ``!key``, ``key=v``, ``key==v``,
``key!=v``, ``key in (a,b)``, ``key notin (a)``, ``key>3``, ``key<3``; blanks around tokens are
ignored; ``in``/``notin`` are keywords only in operator position. Errors are raised as
SelectorError with labels.Parse's text (``unable to parse requirement: ...``,
``found 'x', expected: ...``). Field selectors live in field_selectors.py.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import FieldError, go_string_slice, invalid, not_supported
from .field_selectors import FieldSelector, SelectorError, parse_field_selector, selectable_fields  # noqa: F401
from .formats import is_qualified_name, is_valid_label_value

_BINARY_OPERATORS = ["in", "notin", "=", "==", "!=", "gt", "lt"]
_ALL_OPERATORS = _BINARY_OPERATORS + ["exists", "!"]
_SPECIAL = set("=!(),><")
_WHITESPACE = set(" \t\r\n")
_TOKENS = {")": "CLOSE", ",": "COMMA", "!": "NOT", "==": "DEQ", "=": "EQ", ">": "GT", "in": "IN",
           "<": "LT", "!=": "NEQ", "notin": "NOTIN", "(": "OPEN"}


@dataclass(frozen=True, slots=True)
class Requirement:
    key: str
    operator: str  # "in" "notin" "=" "==" "!=" "exists" "!" "gt" "lt"
    values: tuple[str, ...] = ()

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Requirement.Matches."""
        if self.operator in ("in", "=", "=="):
            return self.key in labels and labels[self.key] in self.values
        if self.operator in ("notin", "!="):
            return self.key not in labels or labels[self.key] not in self.values
        if self.operator == "exists":
            return self.key in labels
        if self.operator == "!":
            return self.key not in labels
        if self.operator in ("gt", "lt") and self.key in labels and len(self.values) == 1:
            try:
                have, want = int(labels[self.key]), int(self.values[0])
            except ValueError:
                return False
            return have > want if self.operator == "gt" else have < want
        return False

    def __str__(self) -> str:
        symbol = {"=": "=", "==": "==", "!=": "!=", "in": " in ", "notin": " notin ", "gt": ">", "lt": "<"}
        if self.operator in ("exists", "!"):
            return ("!" if self.operator == "!" else "") + self.key
        values = ",".join(sorted(self.values)) if len(self.values) > 1 else "".join(self.values)
        if self.operator in ("in", "notin"):
            values = f"({values})"
        return f"{self.key}{symbol[self.operator]}{values}"


@dataclass(frozen=True, slots=True)
class LabelSelector:
    """labels.Selector: requirements sorted by key, all of which must match. ``nothing`` matches nothing."""

    requirements: tuple[Requirement, ...] = ()
    nothing: bool = False

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        if self.nothing:
            return False
        labels = labels or {}
        return all(r.matches(labels) for r in self.requirements)

    def empty(self) -> bool:
        return not self.nothing and not self.requirements

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


def _field_error_text(err: FieldError) -> str:
    return str(err) if err.field else f": {err.body()}"


def new_requirement(key: str, operator: str, values: list[str], path: str = "") -> Requirement:
    """labels.NewRequirement with its checks; errors are aggregated as field errors."""
    errs: list[FieldError] = []
    key_path = f"{path}.key" if path else "key"
    values_path = f"{path}.values" if path else "values"
    key_errors = is_qualified_name(key)
    if key_errors:
        errs.append(invalid(key_path, key, "; ".join(key_errors)))
    if operator in ("in", "notin") and not values:
        errs.append(invalid(values_path, go_string_slice(values), "for 'in', 'notin' operators, values set can't be empty"))
    elif operator in ("=", "==", "!=") and len(values) != 1:
        errs.append(invalid(values_path, go_string_slice(values), "exact-match compatibility requires one single value"))
    elif operator in ("exists", "!") and values:
        errs.append(invalid(values_path, go_string_slice(values), "values set must be empty for exists and does not exist"))
    elif operator in ("gt", "lt"):
        if len(values) != 1:
            errs.append(invalid(values_path, go_string_slice(values), "for 'Gt', 'Lt' operators, exactly one value is required"))
        for i, value in enumerate(values):
            if not _is_int64(value):
                errs.append(invalid(f"{values_path}[{i}]", value, "for 'Gt', 'Lt' operators, the value must be an integer"))
    elif operator not in _ALL_OPERATORS:
        errs.append(not_supported(f"{path}.operator" if path else "operator", operator, _ALL_OPERATORS))
    for i, value in enumerate(values):
        value_errors = is_valid_label_value(value)
        if value_errors:
            errs.append(invalid(f"{values_path}[{i}][{key}]", value, "; ".join(value_errors)))
    if errs:
        texts: list[str] = []
        for err in errs:
            text = _field_error_text(err)
            if text not in texts:
                texts.append(text)
        raise SelectorError(texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]")
    return Requirement(key, operator, tuple(values))


def _is_int64(text: str) -> bool:
    body = text[1:] if text[:1] in "+-" else text
    return body.isdigit() and -(2**63) <= int(text) < 2**63


def _lex(selector: str) -> list[tuple[str, str]]:
    """Lexer.Lex over the whole input: (token, literal) pairs ending with END."""
    items: list[tuple[str, str]] = []
    pos, n = 0, len(selector)
    while True:
        while pos < n and selector[pos] in _WHITESPACE:
            pos += 1
        if pos >= n:
            items.append(("END", ""))
            return items
        if selector[pos] in _SPECIAL:
            buffer, last = "", None
            while pos < n and selector[pos] in _SPECIAL:
                candidate = buffer + selector[pos]
                if candidate in _TOKENS:
                    buffer, last = candidate, (_TOKENS[candidate], candidate)
                    pos += 1
                elif last is not None:
                    break
                else:
                    buffer, pos = candidate, pos + 1
            items.append(last or ("ERROR", f"error expected: keyword found '{buffer}'"))
            continue
        start = pos
        while pos < n and selector[pos] not in _SPECIAL and selector[pos] not in _WHITESPACE:
            pos += 1
        literal = selector[start:pos]
        items.append((_TOKENS.get(literal, "ID") if literal in ("in", "notin") else "ID", literal))


class _Parser:
    def __init__(self, selector: str) -> None:
        self.items = _lex(selector)
        self.pos = 0

    def _look(self, values: bool = True) -> tuple[str, str]:
        tok, lit = self.items[self.pos]
        return ("ID", lit) if values and tok in ("IN", "NOTIN") else (tok, lit)

    def _take(self, values: bool = True) -> tuple[str, str]:
        item = self._look(values)
        self.pos += 1
        return item

    def parse(self) -> list[Requirement]:
        requirements: list[Requirement] = []
        while True:
            tok, lit = self._look()
            if tok in ("ID", "NOT"):
                try:
                    requirements.append(self._requirement())
                except SelectorError as error:
                    raise SelectorError(f"unable to parse requirement: {error}") from None
                tok, lit = self._take()
                if tok == "END":
                    return requirements
                if tok != "COMMA":
                    raise SelectorError(f"found '{lit}', expected: ',' or 'end of string'")
                tok2, lit2 = self._look()
                if tok2 not in ("ID", "NOT"):
                    raise SelectorError(f"found '{lit2}', expected: identifier after ','")
            elif tok == "END":
                return requirements
            else:
                raise SelectorError(f"found '{lit}', expected: !, identifier, or 'end of string'")

    def _requirement(self) -> Requirement:
        operator = ""
        tok, key = self._take()
        if tok == "NOT":
            operator = "!"
            tok, key = self._take()
        if tok != "ID":
            raise SelectorError(f"found '{key}', expected: identifier")
        key_errors = is_qualified_name(key)
        if key_errors:  # validateLabelKey with the parser's (empty) path
            raise SelectorError(_field_error_text(invalid("", key, "; ".join(key_errors))))
        if operator == "!" or self._look()[0] in ("END", "COMMA"):
            # parseKeyAndInferOperator: "!key" is complete even when an operator follows it
            return new_requirement(key, operator or "exists", [])
        tok, lit = self._take(values=False)
        ops = {"IN": "in", "EQ": "=", "DEQ": "==", "GT": "gt", "LT": "lt", "NOTIN": "notin", "NEQ": "!="}
        if tok not in ops:
            raise SelectorError(f"found '{lit}', expected: {', '.join(_BINARY_OPERATORS)}")
        operator = ops[tok]
        values = self._set_values() if operator in ("in", "notin") else self._exact_value()
        return new_requirement(key, operator, sorted(values))

    def _set_values(self) -> set[str]:
        tok, lit = self._take()
        if tok != "OPEN":
            raise SelectorError(f"found '{lit}' expected: '('")
        tok, lit = self._look()
        if tok == "CLOSE":
            self._take()
            return {""}
        if tok not in ("ID", "COMMA"):
            raise SelectorError(f"found '{lit}', expected: ',', ')' or identifier")
        values: set[str] = set()
        while True:
            tok, lit2 = self._take()
            if tok == "ID":
                values.add(lit2)
                tok2, lit3 = self._look()
                if tok2 == "COMMA":
                    continue
                if tok2 == "CLOSE":
                    break
                raise SelectorError(f"found '{lit3}', expected: ',' or ')'")
            if tok == "COMMA":
                if not values:
                    values.add("")
                tok2, _ = self._look()
                if tok2 == "CLOSE":
                    values.add("")
                    break
                if tok2 == "COMMA":
                    values.add("")
                continue
            raise SelectorError(f"found '{lit2}', expected: ',', or identifier")
        if self._take()[0] != "CLOSE":
            raise SelectorError(f"found '{lit}', expected: ')'")
        return values

    def _exact_value(self) -> set[str]:
        tok, _ = self._look()
        if tok in ("END", "COMMA"):
            return {""}
        tok, lit = self._take()
        if tok == "ID":
            return {lit}
        raise SelectorError(f"found '{lit}', expected: identifier")


def parse_label_selector(selector: str) -> LabelSelector:
    """labels.Parse: raises SelectorError. The empty string selects everything."""
    requirements = _Parser(selector).parse()
    return LabelSelector(tuple(sorted(requirements, key=lambda r: r.key)))


def selector_from_set(labels: Mapping[str, str]) -> LabelSelector:
    """labels.SelectorFromSet: ``key=value`` for each entry (no validation)."""
    return LabelSelector(tuple(Requirement(k, "=", (v,)) for k, v in sorted(labels.items())))


def label_selector_as_selector(selector: Mapping[str, Any] | None) -> LabelSelector:
    """metav1.LabelSelectorAsSelector: ``{matchLabels, matchExpressions}`` -> selector.

    ``None`` selects nothing; an empty selector selects everything.
    """
    if selector is None:
        return LabelSelector(nothing=True)
    match_labels = selector.get("matchLabels") or {}
    expressions = selector.get("matchExpressions") or []
    requirements = [new_requirement(k, "=", [str(v)]) for k, v in match_labels.items()]
    operators = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}
    for expression in expressions:
        operator = expression.get("operator", "")
        if operator not in operators:
            raise SelectorError(f'"{operator}" is not a valid label selector operator')
        requirements.append(new_requirement(str(expression.get("key", "")), operators[operator],
                                            [str(v) for v in expression.get("values") or []]))
    return LabelSelector(tuple(sorted(requirements, key=lambda r: r.key)))
