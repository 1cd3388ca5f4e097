"""Compiles a parsed script to a flat list of instructions for the VM (vm.py).

Why flat: a shell sleeping inside ``for i in 1 2 3; do sleep 5; done`` must be saved to a
database and resumed later. With a flat program its position is just (program, pc) plus a
stack of plain-data frames; the program itself is not saved but compiled again from its source
text (``compiled()`` caches programs by text; a pure cache, not state).

Instructions are tuples ``(op, *args)``; AST nodes they need are in ``Program.nodes``. Each
``$(...)`` is compiled inline, before the instruction whose words contain it, as a capturing
subshell that leaves its output on the operand stack; the instruction pops those outputs
(``nsubs`` of them) and does the rest of the expansion in one step. As a consequence a ``$(...)``
inside ``${x:-$(...)}`` runs even when the default is not used (real shells run it only when
needed).

``set -e`` follows XCU 2.14 "set": an ``errexit`` check follows every pipeline except those in
an if/while/until condition, before ``&&``/``||``, or negated with ``!``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .ast import (
    AndOr, Arith, BraceGroup, Case, CommandSub, DoubleQuoted, For, FunctionDef, If, ListItem, Param,
    Pipeline, Redirected, Script, SimpleCommand, Subshell, While, Word,
)
from .parser import parse

Instr = tuple[Any, ...]


@dataclass(slots=True)
class Program:
    code: list[Instr] = field(default_factory=list)
    nodes: list[Any] = field(default_factory=list)


_CACHE: dict[str, Program] = {}
_CACHE_LIMIT = 2048


def compiled(source: str) -> Program:
    """The program for a source text (raises ShellSyntaxError)."""
    program = _CACHE.get(source)
    if program is None:
        program = compile_script(parse(source))
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[source] = program
    return program


def compile_script(script: Script) -> Program:
    c = _Compiler()
    c.script(script, checked=True)
    c.emit("end")
    return c.program


def command_subs(word: Word) -> Iterator[CommandSub]:
    """The ``$(...)`` of a word in the order expansion meets them (expand.py walks the same way)."""
    for part in word.parts:
        yield from _part_subs(part)


def _part_subs(part: Any) -> Iterator[CommandSub]:
    if isinstance(part, CommandSub):
        yield part
    elif isinstance(part, DoubleQuoted):
        for p in part.parts:
            yield from _part_subs(p)
    elif isinstance(part, Param) and part.arg is not None:
        yield from command_subs(part.arg)
    elif isinstance(part, Arith):
        yield from command_subs(part.expr)


def simple_command_words(node: SimpleCommand) -> list[Word]:
    """The words of a simple command in expansion order: arguments, redirections, assignments."""
    return list(node.words) + [r.target for r in node.redirects] + [a.value for a in node.assigns]


class _Compiler:
    def __init__(self) -> None:
        self.program = Program()

    @property
    def pc(self) -> int:
        return len(self.program.code)

    def emit(self, *ins: Any) -> int:
        self.program.code.append(ins)
        return len(self.program.code) - 1

    def patch(self, at: int, index: int, value: Any) -> None:
        ins = list(self.program.code[at])
        ins[index] = value
        self.program.code[at] = tuple(ins)

    def node(self, node: Any) -> int:
        self.program.nodes.append(node)
        return len(self.program.nodes) - 1

    def subs(self, words: list[Word]) -> int:
        count = 0
        for word in words:
            for sub in command_subs(word):
                at = self.emit("sub", None, True, False)
                self.script(sub.body, checked=True)
                self.emit("endsub")
                self.patch(at, 1, self.pc)
                count += 1
        return count

    # ---- lists -----------------------------------------------------------------------------

    def script(self, script: Script, checked: bool) -> None:
        if not script.items:
            self.emit("status", 0)
        for item in script.items:
            self.item(item, checked)

    def item(self, item: ListItem, checked: bool) -> None:
        if item.background:
            at = self.emit("bg", None)
            self.and_or(item.command, checked=True)
            self.emit("thread_end")
            self.patch(at, 1, self.pc)
        else:
            self.and_or(item.command, checked)

    def and_or(self, node: AndOr, checked: bool) -> None:
        """``a && b || c``: each test jumps over the next pipeline and lands on the following
        test, which sees the same status (so ``false && x || y`` runs y)."""
        pipelines = [node.first] + [p for _, p in node.rest]
        pending: int | None = None
        for i, pipeline in enumerate(pipelines):
            last = i == len(pipelines) - 1
            self.pipeline(pipeline, checked and last)
            if pending is not None:
                self.patch(pending, 1, self.pc)
                pending = None
            if not last:
                pending = self.emit("jnz" if node.rest[i][0] == "&&" else "jz", None)

    def pipeline(self, node: Pipeline, checked: bool) -> None:
        commands = node.commands
        if len(commands) == 1:
            self.command(commands[0], checked and not node.negated)
        else:
            for i, command in enumerate(commands):
                last = i == len(commands) - 1
                # a stage that writes to a pipe names its reader's node (pipes.py: SIGPIPE)
                reader = None if last else self.node(commands[i + 1])
                at = self.emit("sub", None, not last, i > 0, reader)
                self.command(command, checked=False)
                self.emit("endsub")
                self.patch(at, 1, self.pc)
        if node.negated:
            self.emit("not")
        elif checked:
            self.emit("errexit")

    # ---- commands --------------------------------------------------------------------------

    def command(self, node: Any, checked: bool) -> None:
        if isinstance(node, SimpleCommand):
            n = self.subs(simple_command_words(node))
            self.emit("cmd", self.node(node), n)
        elif isinstance(node, Redirected):
            n = self.subs([r.target for r in node.redirects])
            at = self.emit("redir", self.node(node), n, None)
            self.command(node.command, checked)
            self.emit("popredir")
            self.patch(at, 3, self.pc)
        elif isinstance(node, BraceGroup):
            self.script(node.body, checked)
        elif isinstance(node, Subshell):
            at = self.emit("sub", None, False, False)
            self.script(node.body, checked)
            self.emit("endsub")
            self.patch(at, 1, self.pc)
        elif isinstance(node, If):
            self.if_(node, checked)
        elif isinstance(node, While):
            self.while_(node, checked)
        elif isinstance(node, For):
            self.for_(node, checked)
        elif isinstance(node, Case):
            self.case(node, checked)
        elif isinstance(node, FunctionDef):
            at = self.emit("defun", node.name, None)
            skip = self.emit("jmp", None)
            self.patch(at, 2, self.pc)
            self.command(node.body, checked=True)
            self.emit("ret")
            self.patch(skip, 1, self.pc)
        else:  # pragma: no cover
            raise TypeError(f"cannot compile {type(node).__name__}")

    def if_(self, node: If, checked: bool) -> None:
        ends = []
        for cond, body in node.clauses:
            self.script(cond, checked=False)
            skip = self.emit("jnz", None)
            self.script(body, checked)
            ends.append(self.emit("jmp", None))
            self.patch(skip, 1, self.pc)
        if node.else_body is not None:
            self.script(node.else_body, checked)
        else:
            self.emit("status", 0)
        for at in ends:
            self.patch(at, 1, self.pc)

    def while_(self, node: While, checked: bool) -> None:
        at = self.emit("loop", None, None)
        top = self.pc
        self.script(node.cond, checked=False)
        leave = self.emit("jz" if node.until else "jnz", None)
        self.script(node.body, checked)
        self.emit("bodydone")
        self.emit("jmp", top)
        self.patch(leave, 1, self.pc)
        self.emit("endloop")
        self.patch(at, 1, self.pc)
        self.patch(at, 2, top)

    def for_(self, node: For, checked: bool) -> None:
        n = self.subs(list(node.words or ()))
        at = self.emit("forinit", self.node(node), n, None, None)
        top = self.pc
        nxt = self.emit("fornext", None, node.name)
        self.script(node.body, checked)
        self.emit("bodydone")
        self.emit("jmp", top)
        self.patch(nxt, 1, self.pc)
        self.emit("endloop")
        self.patch(at, 3, self.pc)
        self.patch(at, 4, top)

    def case(self, node: Case, checked: bool) -> None:
        idx = self.node(node)
        n = self.subs([node.word])
        self.emit("case", idx, n)
        ends = []
        for i, item in enumerate(node.items):
            n = self.subs(list(item.patterns))
            test = self.emit("casetest", idx, i, n, None)
            self.emit("pop")
            self.script(item.body, checked)
            ends.append(self.emit("jmp", None))
            self.patch(test, 4, self.pc)
        self.emit("pop")
        self.emit("status", 0)
        for at in ends:
            self.patch(at, 1, self.pc)
