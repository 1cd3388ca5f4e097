"""A step's checks, from YAML to model.Check trees (the grammar is in docs/authoring.md).

A check is one mapping: exactly one matcher key (``pod``, ``pods``, ``node``, ``nodes``,
``namespace``, ``object``, ``event``, ``history``, ``command``, ``file``, ``all``, ``any``,
``not``) plus ``id``, ``message`` and ``points``; the object matchers take their tests
(``status``, ``fields``, ...) as sibling keys, the others inside their own mapping. Checks under
``all``/``any``/``not`` (and a hint's ``when``) are nested: no points, no id, message optional.
"""
from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from lessons.schema.commands import command_check
from lessons.schema.model import (AllOf, AnyOf, Check, EventCheck, FileCheck, HistoryCheck, Matcher, Not,
                                  ObjectCheck, Target)
from lessons.schema.values import duration, field_tests, home_path, value_test
from lessons.schema.yamlnodes import (Where, boolean, fields, integer, items, name, sequence, string, text,
                                      unknown_key)

OBJECT_MATCHERS = {"pod": "Pod", "pods": "Pod", "node": "Node", "nodes": "Node", "namespace": "Namespace",
                   "object": None}
MATCHERS = (*OBJECT_MATCHERS, "event", "history", "command", "file", "all", "any", "not")
OBJECT_TESTS = ("exists", "status", "ready", "restarts", "phase", "conditions", "fields", "count")
COMMON = ("id", "message", "points")
_MATCHER_LIST = ", ".join(MATCHERS)
# Which tests make sense for which kind (kubectl's columns: a node has no READY or RESTARTS).
_TESTS_FOR_KIND = {"ready": ("Pod",), "restarts": ("Pod",), "phase": ("Pod", "Namespace")}
KINDS = ("Pod", "Node", "Namespace", "Event")


def read_check(node: Node, where: Where, check_id: str, *, nested: bool, message_required: bool) -> Check | None:
    """One check; ``check_id`` is used unless the check names its own ``id`` (top level only)."""
    entries = items(node, where, "a check such as {pod: nginx, status: Running}")
    if entries is None:
        return None
    matchers = [key for key in entries if key in MATCHERS]
    matcher_key = matchers[0] if len(matchers) == 1 else None
    if matcher_key is None:
        got = ", ".join(matchers) if matchers else "none"
        hint = ""
        if set(matchers) == {"namespace", "pod"} or set(matchers) == {"namespace", "pods"}:
            hint = " (a pod in another namespace: pod: {name: web, namespace: dev})"
        where.error(node, f"a check needs exactly one matcher: {_MATCHER_LIST}; got {got}{hint}")
    takes_tests = matcher_key is None or matcher_key in OBJECT_MATCHERS
    allowed = (*COMMON, *MATCHERS, *OBJECT_TESTS)
    for key, (key_node, _) in entries.items():
        if key not in allowed:
            unknown_key(where, key_node, key, allowed if takes_tests else (*COMMON, *MATCHERS))
        elif key in OBJECT_TESTS and not takes_tests:
            where.key(key).error(key_node, f'"{key}" goes inside {matcher_key}: only pod, pods, node, nodes, '
                                           "namespace and object take tests beside them")
        elif nested and key in ("id", "points"):
            where.key(key).error(key_node, f"{'points are' if key == 'points' else 'an id is'} only given to "
                                           "top-level checks, not inside all, any, not or when")
    message = None
    if "message" in entries:
        message = text(entries["message"][1], where.key("message"))
    elif message_required:
        where.key("message").error(node, "missing the message shown while this check fails")
    points = 0 if nested else 1
    if "points" in entries and not nested:
        points = integer(entries["points"][1], where.key("points"), minimum=0) or 0
    if "id" in entries and not nested:
        check_id = name(entries["id"][1], where.key("id"), "check id") or check_id
    if matcher_key is None:
        return None
    value_node = entries[matcher_key][1]
    matcher: Matcher | None
    if matcher_key in OBJECT_MATCHERS:
        tests = {key: entries[key][1] for key in OBJECT_TESTS if key in entries}
        matcher = _object_check(matcher_key, value_node, tests, node, where)
    elif matcher_key in ("all", "any"):
        matcher = _group(matcher_key, value_node, where.key(matcher_key), check_id)
    elif matcher_key == "not":
        inner = read_check(value_node, where.key("not"), f"{check_id}.1", nested=True, message_required=False)
        matcher = Not(inner) if inner is not None else None
    else:
        matcher = _READERS[matcher_key](value_node, where.key(matcher_key))
    if matcher is None:
        return None
    return Check(id=check_id, matcher=matcher, message=message, points=points, line=node.start_mark.line + 1)


def _group(key: str, node: Node, where: Where, check_id: str) -> AllOf | AnyOf | None:
    entries = sequence(node, where, "a list of checks")
    if entries is None:
        return None
    if not entries:
        where.error(node, f"{key} needs at least one check")
        return None
    checks = [read_check(entry, where.item(i), f"{check_id}.{i + 1}", nested=True, message_required=False)
              for i, entry in enumerate(entries)]
    if any(check is None for check in checks):
        return None
    built = tuple(c for c in checks if c is not None)
    return AllOf(built) if key == "all" else AnyOf(built)


# -- objects as they are now --------------------------------------------------------------------
def _target(key: str, node: Node, where: Where) -> Target | None:
    """``pod: NAME`` / ``pod: {name, namespace}``; ``pods: SELECTOR`` / ``pods: {selector, namespace}``;
    ``node``/``nodes``/``namespace`` likewise (no namespace); ``object: {kind, name|selector, namespace}``."""
    kind = OBJECT_MATCHERS[key]
    plural = key in ("pods", "nodes")
    if isinstance(node, ScalarNode):
        if key == "object":
            where.error(node, "expected {kind: ..., name: ...} or {kind: ..., selector: ...}")
            return None
        value = string(node, where, "a label selector like app=web" if plural else "a name")
        if value is None or kind is None:
            return None
        return Target(kind, selector=value) if plural else Target(kind, name=value)  # type: ignore[arg-type]
    allowed = ["name", "selector", "namespace"]
    if key == "object":
        allowed.insert(0, "kind")
    elif plural:
        allowed.remove("name")
    else:
        allowed.remove("selector")
    if kind in ("Node", "Namespace"):
        allowed.remove("namespace")
    found = fields(node, where, allowed, ("kind",) if key == "object" else ())
    if found is None:
        return None
    if key == "object" and "kind" in found:
        kind = string(found["kind"], where.key("kind"), "a kind")
        if kind is not None and kind not in KINDS:
            where.key("kind").error(found["kind"], f'kind must be one of {", ".join(KINDS)}, not "{kind}"')
            kind = None
        if kind in ("Node", "Namespace") and "namespace" in found:
            where.key("namespace").error(found["namespace"], f"a {kind} has no namespace")
    given = [k for k in ("name", "selector") if k in found]
    if len(given) != 1:
        needs = " or ".join(k for k in ("name", "selector") if k in allowed)
        where.error(node, f"needs {'exactly one of ' if len(given) > 1 else ''}{needs}")
        return None
    value = string(found[given[0]], where.key(given[0]))
    namespace = string(found["namespace"], where.key("namespace")) if "namespace" in found else "default"
    if kind is None or value is None or namespace is None:
        return None
    return Target(kind, **{given[0]: value}, namespace=namespace)  # type: ignore[arg-type]


def _object_check(key: str, node: Node, tests: dict[str, Node], check_node: Node, where: Where) -> ObjectCheck | None:
    target = _target(key, node, where.key(key))
    if target is None:
        return None
    built: dict[str, object] = {}
    ok = True
    for test, test_node in tests.items():
        here = where.key(test)
        kinds = _TESTS_FOR_KIND.get(test)
        if kinds and target.kind not in kinds:
            here.error(test_node, f"{test} only goes with {' and '.join(k.lower() + 's' for k in kinds)}")
            ok = False
            continue
        if test == "count" and target.selector is None:
            here.error(test_node, "count only goes with a selector (pods:, nodes: or object: {selector: ...})")
            ok = False
            continue
        if test == "exists":
            value: object = boolean(test_node, here)
        elif test == "conditions":
            value = _conditions(test_node, here)
        elif test == "fields":
            value = field_tests(test_node, here)
        else:
            value = value_test(test_node, here)
        if value is None:
            ok = False
        built[test] = value
    if built.get("exists") is False and len(built) > 1:
        others = ", ".join(k for k in built if k != "exists")
        where.key("exists").error(tests["exists"], f"exists: false takes no other tests; got {others}")
        ok = False
    if not ok:
        return None
    return ObjectCheck(target, **built)  # type: ignore[arg-type]


def _conditions(node: Node, where: Where) -> tuple | None:
    entries = items(node, where, "a mapping of condition types to tests, like {Ready: \"True\"}")
    if entries is None:
        return None
    if not entries:
        where.error(node, "expected at least one condition")
        return None
    tests = [(kind, value_test(value_node, where.key(kind))) for kind, (_, value_node) in entries.items()]
    return None if any(t is None for _, t in tests) else tuple(tests)


# -- history, events, files ---------------------------------------------------------------------
def _history(node: Node, where: Where) -> HistoryCheck | None:
    tests = ("was", "phase_was", "restarted", "ready_within", "deleted")
    found = fields(node, where, ("pod", "selector", "namespace", *tests))
    if found is None:
        return None
    given = [k for k in ("pod", "selector") if k in found]
    if len(given) != 1:
        where.error(node, "history needs exactly one of pod or selector")
    if not any(k in found for k in tests):
        where.error(node, f"history needs at least one of {', '.join(tests)}")
    values: dict[str, object] = {}
    for key, value_node in found.items():
        here = where.key(key)
        if key in ("pod", "selector", "namespace"):
            values[key] = string(value_node, here)
        elif key == "ready_within":
            values[key] = duration(value_node, here)
        elif key == "deleted":
            values[key] = boolean(value_node, here)
        else:
            values[key] = value_test(value_node, here)
    if len(given) != 1 or not any(k in found for k in tests) or None in values.values():
        return None
    return HistoryCheck(**values)  # type: ignore[arg-type]


def _event(node: Node, where: Where) -> EventCheck | None:
    tests = ("reason", "object", "kind", "type", "text", "count")
    found = fields(node, where, (*tests, "namespace"), what="a mapping such as {reason: Unhealthy, object: web}")
    if found is None:
        return None
    if not any(k in found for k in tests):
        where.error(node, f"event needs at least one of {', '.join(tests)}")
        return None
    values: dict[str, object] = {}
    for key, value_node in found.items():
        here = where.key(key)
        if key in ("reason", "text", "count"):
            values[key] = value_test(value_node, here)
        else:
            values[key] = string(value_node, here)
    if values.get("type") not in (None, "Normal", "Warning"):
        where.key("type").error(found["type"], f'type must be Normal or Warning, not "{values["type"]}"')
        return None
    if values.get("kind") not in (None, *KINDS):
        where.key("kind").error(found["kind"], f'kind must be one of {", ".join(KINDS)}, not "{values["kind"]}"')
        return None
    return None if None in values.values() else EventCheck(**values)  # type: ignore[arg-type]


def _file(node: Node, where: Where) -> FileCheck | None:
    found = fields(node, where, ("path", "exists", "contains", "yaml"), ("path",))
    if found is None or "path" not in found:
        return None
    path = home_path(found["path"], where.key("path"))
    exists = boolean(found["exists"], where.key("exists")) if "exists" in found else True
    contains = value_test(found["contains"], where.key("contains")) if "contains" in found else None
    yaml_tests = field_tests(found["yaml"], where.key("yaml")) if "yaml" in found else ()
    if exists is False and ("contains" in found or "yaml" in found):
        where.key("exists").error(found["exists"], "exists: false takes no other tests")
        return None
    if path is None or exists is None or yaml_tests is None or ("contains" in found and contains is None):
        return None
    return FileCheck(path=path, exists=exists, contains=contains, yaml=yaml_tests)


_READERS = {"history": _history, "event": _event, "command": command_check, "file": _file}
