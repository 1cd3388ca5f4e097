"""``kubectl wait --for=...`` (k8s.io/kubectl pkg/cmd/wait: wait.go, condition.go, delete.go,
json.go, create.go).

``--for`` is ``delete``, ``create``, ``condition=Name[=value]`` (default ``true``; names and values
compared case-insensitively) or ``jsonpath='{...}'[=value]``. Objects are waited for one after
another under one ``--timeout`` (default 30s; 0 checks once; negative waits a week); each met one
prints ``pod/x condition met``; at the deadline kubectl says ``error: timed out waiting for the
condition on pods/x``. ``--for=delete`` on an object that is already gone succeeds silently.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.cmd.common import filename_flags, make_printer, output_flags, render_objects
from sandbox.kubectl.cmd.sorting import relaxed
from sandbox.kubectl.context import Poll, Wait, waiter
from sandbox.kubectl.errors import Aggregate, CmdError, render_error
from sandbox.kubectl.flags import Flag, bool_flag, duration_flag, string_flag
from sandbox.kubectl.resources import BY_PLURAL
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

WEEK = 168 * 3600.0


def parse_for(condition: str) -> dict[str, Any]:
    """conditionFuncFor: what to wait for, as plain data."""
    lowered = condition.lower()
    if lowered in ("delete", "create"):
        return {"kind": lowered}
    if condition.startswith("condition="):
        name, eq, value = condition[len("condition="):].partition("=")
        return {"kind": "condition", "name": name, "value": value if eq else "true"}
    if condition.startswith("jsonpath="):
        text = condition[len("jsonpath="):]
        if not text:
            raise CmdError("jsonpath expression cannot be empty")
        parts = _split_jsonpath(text)
        if not 1 <= len(parts) <= 2 or not parts[0]:
            raise CmdError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
                           "--for=jsonpath='{.status.readyReplicas}'")
        expression = "{" + relaxed(parts[0]) + "}"
        value = parts[1].strip("'\"") if len(parts) == 2 else ""
        return {"kind": "jsonpath", "expression": expression, "value": value, "any": len(parts) == 1}
    raise CmdError(f'unrecognized condition: "{condition}"')


def _split_jsonpath(text: str) -> list[str]:
    """splitJSONPathInput: the expression ends at its closing brace; ``=value`` may follow."""
    if text.startswith("{"):
        depth = 0
        for i, ch in enumerate(text):
            depth += ch == "{"
            depth -= ch == "}"
            if depth == 0:
                rest = text[i + 1:]
                return [text[:i + 1]] + ([rest[1:]] if rest.startswith("=") else [] if not rest else [rest])
    return text.split("=", 1)


def _condition_met(obj: dict[str, Any], spec: dict[str, Any]) -> bool:
    for cond in (obj.get("status") or {}).get("conditions") or []:
        if str(cond.get("type", "")).casefold() == spec["name"].casefold():
            return str(cond.get("status", "")).casefold() == spec["value"].casefold()
    return False


def _jsonpath_met(obj: dict[str, Any], spec: dict[str, Any]) -> bool:
    from sandbox.kubectl.jsonpath import JsonPathError, evaluate
    try:
        text = evaluate(spec["expression"], obj)
    except JsonPathError:
        return False
    if spec["any"]:
        return text != ""
    return text == spec["value"]


def met(k: Kube, target: dict[str, Any], spec: dict[str, Any]) -> tuple[bool, dict[str, Any] | None]:
    obj = k.cluster.store.get(target["resource"], target["namespace"], target["name"])
    if spec["kind"] == "delete":
        return obj is None or (bool(target["uid"]) and obj["metadata"].get("uid") != target["uid"]), obj
    if obj is None:
        return False, None
    if spec["kind"] == "create":
        return True, obj
    if spec["kind"] == "condition":
        return _condition_met(obj, spec), obj
    return _jsonpath_met(obj, spec), obj


def run_wait(k: Kube, inv: Invocation) -> Result:
    spec = parse_for(inv.flags["for"])
    printer = make_printer(k, inv)
    timeout = float(inv.flags["timeout"])
    if timeout < 0:
        timeout = WEEK
    req = builder.Request(args=inv.args, filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          selector=inv.flags["selector"], field_selector=inv.flags["field-selector"],
                          select_all=inv.flags["all"], all_namespaces=inv.flags["all-namespaces"],
                          namespace=inv.namespace, explicit_namespace=inv.explicit_namespace)
    targets, errors = _targets(k, req, spec)
    if errors:
        raise Aggregate(errors)
    if not targets:
        if spec["kind"] == "delete":
            return 0
        raise CmdError("no matching resources found")
    state = {"targets": targets, "spec": spec, "format": printer.format, "template": printer.template}
    first = poll_wait(k, state, False)
    if first.done:
        return first.status
    if timeout == 0:  # check once: what is not met yet is reported as such
        left = (first.args or state)["targets"]
        errors = [CmdError(f"condition not met for {t['resource']}/{t['name']}") for t in left]
        raise errors[0] if len(errors) == 1 else Aggregate(errors)  # type: ignore[arg-type]
    return Wait("wait", first.args or state, deadline=k.now + timeout)


def _targets(k: Kube, req: builder.Request, spec: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Exception]]:
    if spec["kind"] == "create":
        parsed = builder.validate(req)
        pairs = parsed.pairs or [(r, n) for r in parsed.resources for n in parsed.names]
        return [{"resource": r.plural, "namespace": req.namespace if r.namespaced else "", "name": n, "uid": ""}
                for r, n in pairs], []
    targets, errors = [], []
    for info in builder.visit(k, req):
        if isinstance(info, StatusError) and info.reason == "NotFound" and spec["kind"] == "delete":
            continue
        if isinstance(info, Exception):
            errors.append(info)
            continue
        uid = (info.obj or {}).get("metadata", {}).get("uid", "")
        targets.append({"resource": info.resource.plural, "namespace": info.namespace, "name": info.name,
                        "uid": uid})
    return targets, errors


@waiter("wait")
def poll_wait(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    from sandbox.kubectl.cmd.common import Printer
    targets = list(args["targets"])
    printer = Printer(args["format"], args["template"])
    while targets:
        ok, obj = met(k, targets[0], args["spec"])
        if not ok:
            break
        target = targets.pop(0)
        shown = obj or {"kind": BY_PLURAL[target["resource"]].kind, "apiVersion": "v1",
                        "metadata": {"name": target["name"]}}
        k.out(render_objects(printer, [shown], single=True, operation="condition met"))
    if not targets:
        return Poll(True, 0)
    if expired:
        # once the deadline has passed, every object still waited for times out (the context is done)
        errors = [CmdError("timed out waiting for the condition" if args["spec"]["kind"] == "create"  # create.go
                           else f"timed out waiting for the condition on {t['resource']}/{t['name']}") for t in targets]
        text, code = render_error(Aggregate(errors))  # type: ignore[arg-type]
        k.err(text)
        return Poll(True, code)
    return Poll(False, args={**args, "targets": targets})


def wait_flags() -> tuple[Flag, ...]:
    return (
        bool_flag("all", "Select all resources in the namespace of the specified resource types"),
        bool_flag("all-namespaces", "If present, list the requested object(s) across all namespaces. Namespace in "
                  "current context is ignored even if specified with --namespace.", "A"),
        string_flag("field-selector", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. "
                    "--field-selector key1=value1,key2=value2). The server only supports a limited number of field "
                    "queries per type."),
        *filename_flags("identifying the resource.", recursive=True),
        string_flag("for", "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|"
                    "jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. "
                    "Condition values are compared after Unicode simple case folding, which is a more general form of "
                    "case-insensitivity."),
        bool_flag("local", "If true, annotation will NOT contact api-server but run locally."),
        string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                    "key1=value1,key2=value2)", "l"),
        duration_flag("timeout", "The length of time to wait before giving up. Zero means check once and don't "
                      "wait, negative means wait for a week.", default=30.0),
        *output_flags(),
    )


COMMAND = Command("wait", "Experimental: Wait for a specific condition on one or many resources",
                  flags=wait_flags(), run=run_wait)
