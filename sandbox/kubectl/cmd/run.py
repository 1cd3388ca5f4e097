"""``kubectl run NAME --image=IMAGE [-- args...]`` (k8s.io/kubectl pkg/cmd/run/run.go and
pkg/generate/versioned/run.go, the BasicPod generator).

The checks come in kubectl's order: ``--dry-run`` and ``-o`` (Complete), then ``NAME is required
for run``, the image reference (``Invalid image name "Nginx": invalid reference format``), the
restart policy, the pull policy; the generator then parses ``--env`` before ``--labels`` and
``--port`` last. ``-i``/``-t``/``--attach`` would attach to the container: the one-line terminal
cannot, so they are refused with an explanation (see the brief's note in cmd/exec.py).
``--overrides`` patches the generated object before it is sent (``override``), a merge patch unless
``--override-type`` says json or strategic.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.common import (DRY_RUN_FLAG, dry_run_strategy, dry_run_suffix, make_printer, output_flags,
                                        render_objects)
from sandbox.kubectl.cmd.patchclient import PATCH_TYPES, patched_locally
from sandbox.kubectl.errors import CmdError, UsageError
from sandbox.kubectl.flags import array_flag, bool_flag, string_flag
from sandbox.sim import imageref
from sandbox.sim.apiserver.decode import decode_request
from sandbox.sim.errors import StatusError
from sandbox.sim.server import RESOURCE_OF

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

_ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")  # validation.IsEnvVarName
RESTART_POLICIES = ("Always", "OnFailure", "Never")
PULL_POLICIES = ("Always", "IfNotPresent", "Never", "")


def parse_envs(values: list[str]) -> list[dict[str, str]]:
    envs = []
    for env in values:
        name, eq, value = env.partition("=")
        if not eq or not name or not _ENV_NAME.match(name):
            raise CmdError(f"invalid env: {env}")
        envs.append({"name": name, "value": value})
    return envs


def parse_labels(spec: str) -> dict[str, str]:
    """generate.ParseLabels: ``a=b,c=d``."""
    labels: dict[str, str] = {}
    for item in spec.split(","):
        parts = item.split("=")
        if len(parts) != 2:
            raise CmdError(f"unexpected label spec: {item}")
        if not parts[0]:
            raise CmdError("unexpected empty label key")
        labels[parts[0]] = parts[1]
    return labels


def parse_annotations(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in values:
        key, eq, value = pair.partition("=")
        if not eq:
            raise CmdError(f"invalid annotations: {pair}")
        out[key] = value
    return out


def _atoi(text: str) -> int:
    """strconv.Atoi."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isdigit() or not body.isascii():
        raise CmdError(f'strconv.Atoi: parsing "{text}": invalid syntax')
    return int(text)


def generate_pod(inv: Invocation, name: str, args: list[str], restart: str) -> dict[str, Any]:
    """The BasicPod generator's object, keys in the Go struct order of a typed v1.Pod."""
    envs = parse_envs(inv.flags["env"])
    labels = parse_labels(inv.flags["labels"]) if inv.flags["labels"] else {"run": name}
    annotations = parse_annotations(inv.flags["annotations"])
    container: dict[str, Any] = {"name": name, "image": inv.flags["image"]}
    if args:
        container["command" if inv.flags["command"] else "args"] = list(args)
    if inv.flags["port"]:
        container["ports"] = [{"containerPort": _atoi(inv.flags["port"])}]
    if envs:
        container["env"] = envs
    container["resources"] = {}
    if inv.flags["image-pull-policy"]:
        container["imagePullPolicy"] = inv.flags["image-pull-policy"]
    if inv.flags["privileged"]:
        container["securityContext"] = {"privileged": True}
    meta: dict[str, Any] = {"name": name, "creationTimestamp": None, "labels": labels}
    if annotations:
        meta["annotations"] = annotations
    return {"kind": "Pod", "apiVersion": "v1", "metadata": meta,
            "spec": {"containers": [container], "restartPolicy": restart, "dnsPolicy": "ClusterFirst"},
            "status": {}}


def override(pod: dict[str, Any], overrides: str, override_type: str) -> dict[str, Any]:
    """cmdutil.Overrider.Apply: the generated object as JSON, the patch applied (a merge patch by
    default), and the result decoded as a typed object by kubectl's codec: unknown fields dropped
    silently, a value of the wrong type refused in encoding/json's words, and whatever ``kind``
    the result names is what gets created."""
    kind = PATCH_TYPES.get(override_type or "merge")
    if kind is None:
        raise CmdError(f"invalid override type: {override_type}")
    patched = patched_locally(kind, pod, overrides.encode("utf-8"))
    try:
        raw = json.dumps(patched, separators=(",", ":"), ensure_ascii=False)
        obj = decode_request(raw, field_validation="Ignore").obj
    except StatusError as err:      # no endpoint: the codec's own message
        raise CmdError(err.message) from None
    if isinstance(obj.get("metadata"), dict):   # a typed object's zero metav1.Time is written as null
        obj["metadata"].setdefault("creationTimestamp", None)
    return obj


def run_run(k: Kube, inv: Invocation) -> int:
    strategy = dry_run_strategy(k, inv)
    printer = make_printer(k, inv)
    if not inv.args or inv.dash_at == 0:
        raise UsageError(inv.path, "NAME is required for run")
    image = inv.flags["image"]
    if not image:
        raise CmdError("--image is required")
    if not imageref._REFERENCE.match(image):
        raise CmdError(f'Invalid image name "{image}": invalid reference format')
    if inv.flags["tty"] and not inv.flags["stdin"]:
        raise UsageError(inv.path, "-i/--stdin is required for containers with -t/--tty=true")
    restart = inv.flags["restart"] or "Always"
    if restart not in RESTART_POLICIES:
        raise UsageError(inv.path, f"invalid restart policy: {restart}")
    if inv.flags["rm"] and not (inv.flags["attach"] or inv.flags["stdin"]):
        raise UsageError(inv.path, "--rm should only be used for attached containers")
    if (inv.flags["attach"] or inv.flags["stdin"] or inv.flags["tty"]) and strategy != "none":
        raise UsageError(inv.path, "--dry-run=[server|client] can't be used with attached containers options "
                         "(--attach, --stdin, or --tty)")
    if inv.flags["image-pull-policy"] not in PULL_POLICIES:
        raise UsageError(inv.path, f"invalid image pull policy: {inv.flags['image-pull-policy']}")
    if inv.flags["attach"] or inv.flags["stdin"] or inv.flags["tty"]:
        raise CmdError("attaching to a container (-i, -t, --attach) is not possible in Podlab's one-line terminal; "
                       "run the pod without them, then use \"kubectl logs\" and \"kubectl exec POD -- COMMAND\"")
    name, args = inv.args[0], inv.args[1:]
    pod = generate_pod(inv, name, args, restart)
    if inv.flags["overrides"]:
        pod = override(pod, inv.flags["overrides"], inv.flags["override-type"])
    if strategy != "client":
        pod = k.api.create(pod, namespace=inv.namespace, dry_run=strategy == "server",
                           resource=RESOURCE_OF.get(pod.get("kind", ""), "pods"))
    k.out(render_objects(printer, [pod], single=True, operation="created" + dry_run_suffix(strategy), typed=True))
    return 0


COMMAND = Command(
    "run", "Run a particular image on the cluster",
    flags=(
        array_flag("annotations", "Annotations to apply to the pod."),
        bool_flag("attach", "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl "
                  "attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is "
                  "true. With '--restart=Never' the exit code of the container process is returned."),
        bool_flag("command", "If true and extra arguments are present, use them as the 'command' field in the "
                  "container, rather than the 'args' field which is the default."),
        DRY_RUN_FLAG,
        array_flag("env", "Environment variables to set in the container."),
        string_flag("image", "The image for the container to run."),
        string_flag("image-pull-policy", "The image pull policy for the container.  If left empty, this value will "
                    "not be specified by the client and defaulted by the server."),
        string_flag("labels", "Comma separated labels to apply to the pod. Will override previous values.", "l"),
        string_flag("override-type", "The method used to override the generated object: json, merge, or strategic.",
                    default="merge"),
        string_flag("overrides", "An inline JSON override for the generated object. If this is non-empty, it is used "
                    "to override the generated object. Requires that the object supply a valid apiVersion field."),
        string_flag("port", "The port that this container exposes."),
        bool_flag("privileged", "If true, run the container in privileged mode."),
        string_flag("restart", "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].",
                    default="Always"),
        bool_flag("rm", "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. "
                  "with '--attach' or with '-i/--stdin'."),
        bool_flag("stdin", "Keep stdin open on the container in the pod, even if nothing is attached.", "i"),
        bool_flag("tty", "Allocate a TTY for the container in the pod.", "t"),
        *output_flags(),
    ),
    run=run_run, required=("image",))
