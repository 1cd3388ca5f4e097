"""The one rule: sandbox/sim, sandbox/kubectl and the lesson core are plain, deterministic Python.

They import nothing of the web (Django, Channels, Daphne), of concurrency (asyncio, threads,
processes), of the operating system's processes and sockets, or of the wall clock; they draw random
numbers only from a seeded ``random.Random`` handed to them; and they neither evaluate code nor open
files. Same seed + same commands at the same virtual times must give the same output, byte for byte
(DESIGN.md, "Time"). The checker reads the source with ``ast``, so it needs nothing importable.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE_PACKAGES = ("sandbox/sim", "sandbox/kubectl", "sandbox/trace.py", "lessons/checks", "lessons/progress.py",
                 "lessons/runner.py", "lessons/grading")
# The outer ring's modules inside a pure package: they read the disk for it.
NOT_PURE = ("lessons/grading/files.py",)

BANNED_MODULES = frozenset({
    "django", "channels", "daphne",                                  # the web ring
    "asyncio", "threading", "_thread", "multiprocessing", "concurrent",  # real concurrency
    "time",                                                          # the wall clock
    "subprocess", "socket",                                          # the real machine
    "secrets",                                                       # unseeded randomness
})
# Attribute paths, after resolving import aliases, that read the clock, entropy or the OS.
BANNED_PATHS = frozenset({
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
    "datetime.date.today",
    "os.system", "os.popen", "os.urandom", "os.getrandom", "io.open",
    "uuid.uuid1", "uuid.uuid4",
})
BANNED_PATH_PATTERN = re.compile(r"^os\.(exec|spawn)\w*$")
BANNED_BUILTINS = frozenset({"eval", "exec", "compile", "__import__", "open"})


def _is_banned_path(path: str) -> bool:
    return path in BANNED_PATHS or bool(BANNED_PATH_PATTERN.match(path))


class _PurityChecker(ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.problems: list[tuple[int, str]] = []
        self.aliases: dict[str, str] = {}  # local name -> what it was imported as ("datetime.datetime")
        self.bound: set[str] = set()       # names the module defines itself (may shadow builtins)
        self.random_attribute_bases: set[int] = set()  # ids of `random` Names used as `random.X`
        for node in ast.walk(tree):
            self._collect(node)

    def _collect(self, node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                self.aliases[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            for alias in node.names:
                self.aliases[alias.asname or alias.name] = f"{base}.{alias.name}"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.bound.add(node.name)
        elif isinstance(node, ast.arg):
            self.bound.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            self.bound.add(node.id)

    def _report(self, node: ast.AST, message: str) -> None:
        self.problems.append((getattr(node, "lineno", 0), message))

    def _path(self, node: ast.AST) -> str | None:
        """`_dt.datetime.now` -> "datetime.datetime.now" when `_dt` is an imported module."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self._path(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] in BANNED_MODULES:
                self._report(node, f"imports {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return  # relative imports stay inside the pure packages
        if node.module.split(".")[0] in BANNED_MODULES:
            self._report(node, f"imports {node.module}")
            return
        for alias in node.names:
            path = f"{node.module}.{alias.name}"
            if node.module == "random" and alias.name != "Random":
                self._report(node, f"imports {path}: use a seeded random.Random passed in")
            elif node.module == "builtins" and alias.name in BANNED_BUILTINS:
                self._report(node, f"imports {path}")
            elif _is_banned_path(path):
                self._report(node, f"imports {path}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        base = self._path(node.value)
        if base == "random":
            self.random_attribute_bases.add(id(node.value))
            if node.attr != "Random":
                self._report(node, f"uses random.{node.attr}: use a seeded random.Random passed in")
        else:
            path = self._path(node)
            if path and _is_banned_path(path):
                self._report(node, f"uses {path}")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Load):
            return
        if self.aliases.get(node.id) == "random" and id(node) not in self.random_attribute_bases:
            self._report(node, "uses the random module itself: use a seeded random.Random passed in")
        elif node.id in BANNED_BUILTINS and node.id not in self.bound and node.id not in self.aliases:
            self._report(node, f"uses {node.id}()")

    def visit_Call(self, node: ast.Call) -> None:
        if self._path(node.func) == "random.Random" and not node.args and not node.keywords:
            self._report(node, "random.Random() without a seed")
        self.generic_visit(node)


def purity_violations(source: str, filename: str) -> list[str]:
    """Every violation in one module, as `filename:line: message`, in source order."""
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        return [f"{filename}:{error.lineno}: cannot be parsed ({error.msg})"]
    checker = _PurityChecker(tree)
    checker.visit(tree)
    return [f"{filename}:{line}: {message}" for line, message in sorted(checker.problems)]


def pure_modules() -> list[Path]:
    paths = [ROOT / package for package in PURE_PACKAGES]
    excluded = {ROOT / module for module in NOT_PURE}
    return sorted(p for path in paths for p in ([path] if path.is_file() else path.rglob("*.py")) if p not in excluded)


def test_it_keeps_the_simulation_and_the_command_layer_pure():
    modules = pure_modules()
    # An empty scan would pass for the wrong reason: the packages' __init__ files at least exist.
    assert modules, f"no modules found under {PURE_PACKAGES}"
    problems = [
        problem
        for path in modules
        for problem in purity_violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not problems, "The pure core breaks the one rule:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import django.db\n", "imports django.db"),
        ("from channels.layers import get_channel_layer\n", "imports channels.layers"),
        ("import daphne\n", "imports daphne"),
        ("import asyncio\n", "imports asyncio"),
        ("import time\n", "imports time"),
        ("from time import monotonic\n", "imports time"),
        ("import subprocess as sp\n", "imports subprocess"),
        ("import socket\n", "imports socket"),
        ("import threading\n", "imports threading"),
        ("import multiprocessing.pool\n", "imports multiprocessing.pool"),
        ("from concurrent.futures import ThreadPoolExecutor\n", "imports concurrent.futures"),
        ("import os\nos.system('ls')\n", "uses os.system"),
        ("import os\nos.popen('ls')\n", "uses os.popen"),
        ("import os\nos.execvp('ls', ['ls'])\n", "uses os.execvp"),
        ("import os as o\no.spawnl(0, 'ls')\n", "uses os.spawnl"),
        ("from os import execv\n", "imports os.execv"),
        ("import random\nx = random.randint(1, 6)\n", "uses random.randint"),
        ("import random\nrandom.seed(1)\n", "uses random.seed"),
        ("import random\nf(random)\n", "uses the random module itself"),
        ("from random import randint\n", "imports random.randint"),
        ("from random import Random\nrng = Random()\n", "random.Random() without a seed"),
        ("import random\nrng = random.Random()\n", "random.Random() without a seed"),
        ("import datetime\nt = datetime.datetime.now()\n", "uses datetime.datetime.now"),
        ("import datetime as _dt\nt = _dt.datetime.utcnow()\n", "uses datetime.datetime.utcnow"),
        ("from datetime import datetime\nt = datetime.now()\n", "uses datetime.datetime.now"),
        ("from datetime import date\nd = date.today()\n", "uses datetime.date.today"),
        ("import uuid\nu = uuid.uuid4()\n", "uses uuid.uuid4"),
        ("x = eval('1')\n", "uses eval()"),
        ("exec('x = 1')\n", "uses exec()"),
        ("c = compile('1', 'f', 'eval')\n", "uses compile()"),
        ("m = __import__('os')\n", "uses __import__()"),
        ("with open('/etc/hosts') as f:\n    pass\n", "uses open()"),
        ("def f(\n", "cannot be parsed"),
    ],
)
def test_it_catches_a_violation(source, expected):
    problems = purity_violations(source, "sandbox/sim/fake.py")
    assert any(expected in problem for problem in problems), problems


def test_it_names_the_file_and_the_line():
    source = '"""Docstring."""\nfrom __future__ import annotations\n\nimport time\n'
    assert purity_violations(source, "sandbox/kubectl/fake.py") == ["sandbox/kubectl/fake.py:4: imports time"]


@pytest.mark.parametrize(
    "source",
    [
        # The seeded generator, passed in or built from a seed, is the one allowed use of random.
        "import random\n\ndef make(seed: int) -> random.Random:\n    return random.Random(seed)\n",
        "from random import Random\n\ndef roll(rng: Random) -> int:\n    return rng.randint(1, 6)\n",
        "from random import Random\nrng = Random(42)\n",
        # Dates from numbers, never from the clock (as sim/timefmt.py does).
        "import datetime as _dt\nt = _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=5)\n",
        "import re\npattern = re.compile(r'x')\n",
        # A simulated clock or shell may have methods named like the banned things.
        "class Clock:\n    def now(self):\n        return self.t\n\ndef f(clock, shell):\n"
        "    return clock.now(), shell.exec('ls'), shell.open('/tmp/x')\n",
        "def compile(text):\n    return text\n\nprogram = compile('sleep 30')\n",
        "from . import errors\nfrom .timefmt import rfc3339\n",
        "import os.path\nname = os.path.join('a', 'b')\n",
    ],
)
def test_it_allows_pure_code(source):
    assert purity_violations(source, "sandbox/sim/fake.py") == []
