"""Nothing a learner types runs on the host: no module of Podlab can start a process or evaluate text.

kubectl exec, sh, curl and every program a learner runs are simulated (sandbox/sim/shell,
sandbox/sim/programs.py). The web ring may read the clock and open files, which the pure core may
not (tests/test_purity.py), but no module under sandbox/ or lessons/ may import what starts
processes or terminals (subprocess, pty, os.system/popen/exec*/spawn*/fork) or call eval, exec,
compile or __import__ on anything. Read with ``ast``: an import inside a function counts too.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TREES = ("sandbox", "lessons")
BANNED_MODULES = frozenset({"subprocess", "pty", "pexpect", "multiprocessing", "ctypes", "code", "codeop"})
BANNED_OS = re.compile(r"^(system|popen|fork|forkpty|posix_spawn|posix_spawnp|exec\w*|spawn\w*)$")
BANNED_CALLS = frozenset({"eval", "exec", "compile", "__import__"})


def host_escapes(source: str, filename: str) -> list[str]:
    tree = ast.parse(source, filename=filename)
    os_names = {"os"}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in BANNED_MODULES:
                    found.append((node.lineno, f"imports {alias.name}"))
                if alias.name == "os":
                    os_names.add(alias.asname or "os")
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if node.module.split(".")[0] in BANNED_MODULES:
                found.append((node.lineno, f"imports {node.module}"))
            for alias in node.names:
                if node.module == "os" and BANNED_OS.match(alias.name):
                    found.append((node.lineno, f"imports os.{alias.name}"))
                if node.module == "builtins" and alias.name in BANNED_CALLS:
                    found.append((node.lineno, f"imports builtins.{alias.name}"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in os_names and BANNED_OS.match(node.attr):
            found.append((node.lineno, f"uses os.{node.attr}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BANNED_CALLS:
            found.append((node.lineno, f"calls {node.func.id}()"))
    return [f"{filename}:{line}: {what}" for line, what in sorted(found)]


def test_no_module_of_podlab_can_run_or_evaluate_anything_on_the_host():
    modules = sorted(p for tree in TREES for p in (ROOT / tree).rglob("*.py"))
    assert len(modules) > 100, "the scan should see the whole code base"
    problems = [problem for path in modules
                for problem in host_escapes(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert problems == []


@pytest.mark.parametrize("source, problem", [
    ("import subprocess", "imports subprocess"),
    ("from subprocess import run", "imports subprocess"),
    ("import os\nos.system('ls')", "uses os.system"),
    ("import os as o\no.execvp('sh', [])", "uses os.execvp"),
    ("from os import popen", "imports os.popen"),
    ("import pty", "imports pty"),
    ("def f(text):\n    return eval(text)", "calls eval()"),
    ("exec('x = 1')", "calls exec()"),
    ("__import__('subprocess')", "calls __import__()"),
])
def test_the_scan_finds_each_way_out(source, problem):
    assert [p.split(": ", 1)[1] for p in host_escapes(source, "m.py")] == [problem]


def test_the_scan_leaves_simulated_exec_alone():
    # `kubectl exec` and the kubelet's runtime.exec are the simulation's, not the host's.
    assert host_escapes("cluster.api.exec(ns, name, None, argv)\nk.runtime.exec(ps, rec)", "m.py") == []
