"""A pipe whose reader stops reading: ``while true; do echo; done | head -1`` ends, by SIGPIPE.

In bash the stages of a pipeline run at once. ``head -1`` reads one line, prints it and exits;
the writer's next write finds no reader, the kernel sends it SIGPIPE, whose default action ends
it (status 141 = 128 + 13), and the pipeline is over: its status is the last stage's, 0.

Here the stages run one after another (compiler.py): the writer runs to its end with its output
captured, then the reader runs on it. So that an endless writer still ends, the writer's capture
knows, when the reader is a command whose appetite is known before it runs, how much it will
take (``reader_demand``): ``head`` on its standard input takes its first N lines (``-n N``,
``-N``, 10 by default) or N characters (``-c N``). The capture counts down as the writer writes
(io.py); once the reader has all it will take, it is as good as gone, and the writer's next
write gets SIGPIPE: the writing process (the innermost subshell: the stage itself, or a
``( ... )`` inside it) ends there with 141 (frames.sigpipe), and the reader runs on what was
written. ``{ echo a; sleep 5; echo b; } | head -1`` takes 5 s, as in bash; ``(while :; do echo;
done); echo $? >&2`` as a writer prints 141. Everything written before the reader left is kept
(``seq 1000000 | head -2`` writes its numbers in one go, as into a pipe's buffer, and exits 0).

Timing is a race in bash: the reader is taken here to be waiting in read(2) on another CPU and
to exit the moment it has its lines, so a writer never outlives its next write after that. On a
real machine a short writer often ends before ``head`` has even started: ``{ echo 1; echo 2;
echo end >&2; } | head -1`` may print ``end`` there, never here (``echo 2`` gets SIGPIPE). Long
and endless writers (the ones that matter: ``yes``, a loop) end by SIGPIPE in both.

Any other reader (``wc``, ``grep``, a loop, a function, a ``head`` given a file, or with words
that need expanding) reads to the end of its input: the writer runs until it ends, with its
capture bounded (io.MAX_PIPE_CHARS). Simplifications: a trapped or ignored SIGPIPE acts as the
default (bash's writer would instead see a write error); the shell has no PIPESTATUS and no
``pipefail``, so the 141 is only seen inside the stage.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .ast import SimpleCommand
from .builtins import UTILITIES
from .builtins.base import split_flags
from .builtins.text import _count_arg
from .commands import resolve

if TYPE_CHECKING:
    from .state import Thread
    from .vm import Runtime


def reader_demand(rt: Runtime, thread: Thread, node: Any) -> list[Any] | None:
    """``["n", lines]`` or ``["c", characters]``: what the pipeline stage ``node`` will read of
    its standard input before it exits; None when it reads it all (or cannot be known)."""
    if not isinstance(node, SimpleCommand) or not node.words:
        return None
    if any(r.op.startswith("<") or r.fd == 0 for r in node.redirects):
        return None           # it reads something else
    argv = [word.literal() for word in node.words]
    if any(arg is None for arg in argv):
        return None           # words to expand: known only when it runs
    words: list[str] = [arg for arg in argv if arg is not None]
    kind, impl = resolve(rt, thread, words[0])
    if kind != "utility" or impl is not UTILITIES.get("head") or words[0].rsplit("/", 1)[-1] != "head":
        return None
    return _head_demand(words[1:])


def _head_demand(args: list[str]) -> list[Any] | None:
    """As builtins/text.py's ``head`` reads its arguments."""
    args, legacy = _count_arg(args)
    _, values, operands, bad = split_flags(args, "qvfF", "nc")
    if bad or operands not in ([], ["-"]):
        return None
    unit = "c" if "c" in values else "n"
    spec = values["c"] if unit == "c" else values.get("n", legacy or "10")
    if not spec.isdigit():
        return None           # +N, -N, junk: head reads on (or fails): no shortcut
    return [unit, int(spec)]
