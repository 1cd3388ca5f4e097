"""``kubectl config`` view, current-context, get-contexts, set-context and use-context
(k8s.io/kubectl pkg/cmd/config), over the sandbox host's kubeconfig (kubeconfig.py).

``config view`` hides certificate data as ``DATA+OMITTED`` and tokens as ``REDACTED`` unless
``--raw``; ``--minify`` keeps only what the current context uses. Its JSON follows the Go struct
order of clientcmd's v1 Config; its YAML is sorted.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import kubeconfig
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.common import make_printer, output_flags, render_objects
from sandbox.kubectl.errors import CmdError, UsageError
from sandbox.kubectl.flags import STRING, Flag, bool_flag, string_flag
from sandbox.kubectl.printers.tabwriter import format_get

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

_ORDER = {  # clientcmd api/v1 struct field order
    "": ("kind", "apiVersion", "preferences", "clusters", "users", "contexts", "current-context", "extensions"),
    "cluster": ("server", "tls-server-name", "insecure-skip-tls-verify", "certificate-authority",
                "certificate-authority-data", "proxy-url", "disable-compression", "extensions"),
    "user": ("client-certificate", "client-certificate-data", "client-key", "client-key-data", "token",
             "tokenFile", "as", "as-uid", "as-groups", "as-user-extra", "username", "password", "auth-provider",
             "exec", "extensions"),
    "context": ("cluster", "user", "namespace", "extensions"),
}


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    return {key: data[key] for key in order if key in data} | {k: v for k, v in data.items() if k not in order}


def _typed(config: dict[str, Any]) -> dict[str, Any]:
    out = _ordered({"kind": "Config", "apiVersion": "v1", "preferences": {}, **config}, _ORDER[""])
    for section, inner in (("clusters", "cluster"), ("users", "user"), ("contexts", "context")):
        out[section] = [{"name": e.get("name", ""), inner: _ordered(e.get(inner) or {}, _ORDER[inner])}
                        for e in out.get(section) or []]
    return out


def _redact(config: dict[str, Any]) -> dict[str, Any]:
    for section, inner in (("clusters", "cluster"), ("users", "user")):
        for entry in config.get(section) or []:
            body = entry.get(inner) or {}
            for key in list(body):
                if key.endswith("-data"):
                    body[key] = "DATA+OMITTED"
                elif key in ("token", "password"):
                    body[key] = "REDACTED"
    return config


def _minify(config: dict[str, Any], current: str) -> dict[str, Any]:
    if not current:
        raise CmdError("current-context must exist in order to minify")
    ctx = kubeconfig.named(config, "contexts", current)
    if ctx is None:
        raise CmdError(f'cannot locate context {current}')
    body = ctx.get("context") or {}
    config["contexts"] = [ctx]
    config["clusters"] = [c for c in config.get("clusters") or [] if c.get("name") == body.get("cluster")]
    config["users"] = [u for u in config.get("users") or [] if u.get("name") == body.get("user")]
    config["current-context"] = current
    return config


def run_view(k: Kube, inv: Invocation) -> int:
    if inv.args:
        raise UsageError(inv.path, f"unexpected arguments: [{' '.join(inv.args)}]")
    printer = make_printer(k, inv)
    config = copy.deepcopy(kubeconfig.load(k, inv.flags))
    if inv.flags["minify"]:
        config = _minify(config, kubeconfig.current_context(config, inv.flags))
    if not inv.flags["raw"]:
        config = _redact(config)
    typed = _typed(config)
    if printer.format == "name":
        k.out("config/<unknown>\n")
    else:
        k.out(render_objects(printer, [typed], single=True, typed=True))
    return 0


def run_current_context(k: Kube, inv: Invocation) -> int:
    current = kubeconfig.load(k, inv.flags).get("current-context") or ""
    if not current:
        raise CmdError("current-context is not set")
    k.out(f"{current}\n")
    return 0


def run_get_contexts(k: Kube, inv: Invocation) -> int:
    output = inv.flags["output"]
    if output not in ("", "name"):
        raise CmdError(f"output must be one of '' or 'name': {output}")
    config = kubeconfig.load(k, inv.flags)
    contexts = sorted(config.get("contexts") or [], key=lambda c: str(c.get("name", "")))
    wanted = contexts if not inv.args else [c for c in contexts if c.get("name") in inv.args]
    if output == "name":
        k.out("".join(f"{c.get('name', '')}\n" for c in wanted))
    else:
        current = config.get("current-context") or ""
        lines = [] if inv.flags["no-headers"] else ["CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n"]
        for c in wanted:
            body = c.get("context") or {}
            mark = "*" if c.get("name") == current else ""
            lines.append(f"{mark}\t{c.get('name', '')}\t{body.get('cluster', '')}\t{body.get('user', '')}\t"
                         f"{body.get('namespace', '')}\n")
        k.out(format_get("".join(lines)))
    missing = [a for a in inv.args if kubeconfig.named(config, "contexts", a) is None]
    if missing:
        raise CmdError(f"context {missing[0]} not found")
    return 0


def run_set_context(k: Kube, inv: Invocation) -> int:
    if len(inv.args) > 1:
        raise UsageError(inv.path, f"Unexpected args: [{' '.join(inv.args)}]")
    config = kubeconfig.load(k, inv.flags)
    if inv.flags["current"]:
        if inv.args:
            raise CmdError("you cannot specify both a context name and --current")
        name = str(config.get("current-context") or "")
        if not name:
            raise CmdError("no current context is set")
    elif inv.args and inv.args[0]:
        name = inv.args[0]
    else:
        raise CmdError("you must specify a non-empty context name or --current")
    entry = kubeconfig.named(config, "contexts", name)
    created = entry is None
    if entry is None:
        entry = {"context": {}, "name": name}
        config.setdefault("contexts", []).append(entry)
    body = entry.setdefault("context", {})
    for flag in ("cluster", "user", "namespace"):
        if inv.changed(flag):
            body[flag] = inv.flags[flag]
    kubeconfig.save(k, config, inv.flags)
    k.out(f'Context "{name}" {"created" if created else "modified"}.\n')
    return 0


def run_use_context(k: Kube, inv: Invocation) -> int:
    if len(inv.args) != 1:
        from sandbox.kubectl import help as helptext
        k.out(helptext.render(USE_CONTEXT, inv.path))
        raise CmdError(f"Unexpected args: [{' '.join(inv.args)}]")
    config = kubeconfig.load(k, inv.flags)
    name = inv.args[0]
    if kubeconfig.named(config, "contexts", name) is None:
        raise CmdError(f'no context exists with the name: "{name}"')
    config["current-context"] = name
    kubeconfig.save(k, config, inv.flags)
    k.out(f'Switched to context "{name}".\n')
    return 0


VIEW = Command(
    "view", "Display merged kubeconfig settings or a specified kubeconfig file",
    flags=(Flag("output", STRING, "yaml", "Output format. One of: (json, yaml, name, go-template, go-template-file, "
                "template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "o"),
           *output_flags()[1:],
           bool_flag("flatten", "Flatten the resulting kubeconfig file into self-contained output (useful for "
                     "creating portable kubeconfig files)"),
           bool_flag("merge", "Merge the full hierarchy of kubeconfig files", default=True),
           bool_flag("minify", "Remove all information not used by current-context from the output"),
           bool_flag("raw", "Display raw byte data and sensitive data")),
    run=run_view)
CURRENT_CONTEXT = Command("current-context", "Display the current-context", run=run_current_context)
GET_CONTEXTS = Command(
    "get-contexts", "Describe one or many contexts",
    flags=(bool_flag("no-headers", "When using the default or custom-column output format, don't print headers "
                     "(default print headers)."),
           string_flag("output", "Output format. One of: (name).", "o")),
    run=run_get_contexts)
SET_CONTEXT = Command(
    "set-context", "Set a context entry in kubeconfig",
    flags=(string_flag("cluster", "cluster for the context entry in kubeconfig"),
           bool_flag("current", "Modify the current context"),
           string_flag("namespace", "namespace for the context entry in kubeconfig"),
           string_flag("user", "user for the context entry in kubeconfig")),
    run=run_set_context)
USE_CONTEXT = Command("use-context", "Set the current-context in a kubeconfig file", run=run_use_context,
                      aliases=("use",))
COMMAND = Command("config", "Modify kubeconfig files",
                  subcommands=(CURRENT_CONTEXT, GET_CONTEXTS, SET_CONTEXT, USE_CONTEXT, VIEW))
