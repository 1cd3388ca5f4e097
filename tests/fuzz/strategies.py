"""Hypothesis strategies: random text, and mutations of real inputs (corpus.py).

A mutation applies a few edits to a seed: delete, duplicate or swap a slice, insert a token the
parser cares about (a quote, ``$(``, ``|``, a here-document, a flag...) or random text, cut the
seed short. Mutations of real inputs reach deep into a parser; random text covers its front door.
"""
from __future__ import annotations

from typing import Sequence

from hypothesis import strategies as st

SHELL_TOKENS = (
    " ", ";", "|", "||", "&", "&&", "(", ")", "{", "}", "$(", "`", "'", '"', "\\", "\n", "<", ">", ">>",
    "2>&1", "<<EOF\nx\nEOF\n", "<<-", "<<<", "$((", "))", "((", "[[", "]]", "${", "${#", "${x:-", "${x//",
    "${x:0:", "$?", "$#", "$@", "$*", "$1", "$$", "$!", "*", "?", "[a-", "[!", "~", "!", "#", "=", "+=",
    "{1..", ",", "..", "}", "-", "--", "-n", "-f", "/", "/dev/null", "/proc/1/", "..", "%", "^", "@(", "*(",
    "if ", "then ", "fi", "for ", "in ", "do ", "done", "while ", "until ", "case ", "esac", ";;",
    "function ", "f() { ", "return ", "break ", "continue ", "exit ", "local ", "export ", "unset ",
    "set -", "shift ", "trap ", "eval ", "source ", "exec ", "read ", "wait ", "kill ", "jobs", "fg",
    "time ", "timeout ", "sleep ", "watch ", "kubectl ", "lab ", "curl ", "cat ", "echo ", "printf ",
    "0", "-1", "99999999999999999999", "1e400", "\x00", "\x1b[A", "\t", "é", "한", "\U0001F600",
)
KUBECTL_WORDS = (
    "get", "describe", "delete", "create", "apply", "run", "logs", "exec", "label", "annotate", "edit", "wait",
    "events", "explain", "config", "cluster-info", "version", "api-resources", "api-versions", "replace",
    "patch", "top", "attach", "completion", "help", "pod", "pods", "po", "node", "nodes", "ns", "namespace",
    "events", "ev", "all", "deployment", "pod/web", "web", "nginx", "box", "missing", "kube-system", "default",
    "-o", "yaml", "json", "wide", "name", "jsonpath={.items[*].metadata.name}", "jsonpath={.status.", "go-template",
    "custom-columns=NAME:.metadata.name", "custom-columns=", "-n", "--namespace", "-A", "--all-namespaces",
    "-l", "app=web", "app!=web", "app in (web)", "!app", "--selector", "--field-selector", "status.phase=Running",
    "-f", "-", "web.yaml", "/nope", "-w", "--watch", "--watch-only", "-c", "--container", "-p", "--previous",
    "--tail", "--since", "--timestamps", "--follow", "--image", "--image=nginx", "--image=busybox:1.36",
    "--restart=Never", "--restart", "--command", "--", "sh", "-c", "sleep 30", "--env", "A=B", "--labels",
    "--port", "80", "--dry-run=client", "--dry-run=server", "--dry-run", "--force", "--grace-period=0",
    "--grace-period", "--now", "--all", "--wait=false", "--timeout", "30s", "0s", "-1", "10", "1h",
    "--for=condition=Ready", "--for=delete", "--for=jsonpath={.status.phase}=Running", "--overwrite", "a=b",
    "a-", "--show-labels", "--sort-by", ".metadata.name", "--no-headers", "-L", "--recursive", "-R",
    "--server-side", "--field-manager", "--validate=false", "--validate=strict", "--record", "-i", "-t", "-it",
    "--stdin", "--rm", "--attach", "--v=9", "-v", "--kubeconfig", "--context", "--cluster", "--user", "-h",
    "--help", "=", "==", "", " ", "'", "\"", "\\", "{", "}", "[", "]", "(", ")", ",", ":", "\x00", "é", "한",
    "--type=json", "--type=merge", "--type=strategic", "--patch", "--patch-file", "--local", "--subresource=status",
    '{"metadata":{"labels":{"a":"b"}}}', '[{"op":"remove","path":"/metadata/labels"}]', '{"spec":null}',
    "--overrides", '--overrides={"spec":{"restartPolicy":1}}', "--override-type=json", "--override-type=strategic",
)


def mutated(seeds: Sequence[str], tokens: Sequence[str] = SHELL_TOKENS, max_edits: int = 4) -> st.SearchStrategy[str]:
    """A seed with up to ``max_edits`` random edits."""
    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(st.sampled_from(seeds))
        for _ in range(draw(st.integers(0, max_edits))):
            text = draw(_edit(text, tokens))
        return text
    return build()


def _edit(text: str, tokens: Sequence[str]) -> st.SearchStrategy[str]:
    @st.composite
    def edit(draw: st.DrawFn) -> str:
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 16)))
        kind = draw(st.sampled_from(("insert", "insert", "replace", "delete", "duplicate", "cut", "random")))
        if kind == "insert":
            return text[:i] + draw(st.sampled_from(tokens)) + text[i:]
        if kind == "replace":
            return text[:i] + draw(st.sampled_from(tokens)) + text[j:]
        if kind == "delete":
            return text[:i] + text[j:]
        if kind == "duplicate":
            return text[:j] + text[i:j] * draw(st.integers(1, 3)) + text[j:]
        if kind == "cut":
            return text[:i]
        return text[:i] + draw(st.text(max_size=8)) + text[j:]
    return edit()


def shell_line(seeds: Sequence[str]) -> st.SearchStrategy[str]:
    random_tokens = st.lists(st.sampled_from(SHELL_TOKENS), max_size=12).map("".join)
    return st.one_of(mutated(seeds), random_tokens, st.text(max_size=40))


def kubectl_argv(seeds: Sequence[Sequence[str]]) -> st.SearchStrategy[list[str]]:
    words = st.one_of(st.sampled_from(KUBECTL_WORDS), st.text(max_size=12))

    @st.composite
    def mutated_argv(draw: st.DrawFn) -> list[str]:
        argv = list(draw(st.sampled_from(seeds)))
        for _ in range(draw(st.integers(0, 4))):
            i = draw(st.integers(0, len(argv)))
            kind = draw(st.sampled_from(("insert", "replace", "delete", "mutate")))
            if kind == "insert" or not argv:
                argv.insert(i, draw(words))
            elif kind == "replace":
                argv[min(i, len(argv) - 1)] = draw(words)
            elif kind == "delete":
                del argv[min(i, len(argv) - 1)]
            else:
                k = min(i, len(argv) - 1)
                argv[k] = draw(mutated([argv[k]], KUBECTL_WORDS, 2))
        return argv

    random_argv = st.lists(words, max_size=8)
    verb_first = st.tuples(st.sampled_from(KUBECTL_WORDS[:24]), st.lists(words, max_size=7)).map(
        lambda t: [t[0], *t[1]])
    return st.one_of(mutated_argv(), random_argv, verb_first)
