"""Random and mutated command lines through the learner's shell (Session.execute).

Whatever a learner pastes, the line ends: no exception escapes, kubectl never reports an internal
error, the line stops within its simulated-time limit (``lab advance`` jumps apart), and the session
still saves and loads (the web terminal saves it after every line).
"""
from __future__ import annotations

import json

from hypothesis import given

from sandbox.session import Session
from tests.fuzz import corpus, sandbox
from tests.fuzz.strategies import shell_line

LIMIT = 30.0    # simulated seconds a fuzzed line may wait (Session.LINE_LIMIT is an hour: too slow here)
INTERNAL_ERROR = "internal error"


def fresh_session() -> tuple[Session, list[float]]:
    session = sandbox.fresh_session()
    jumps: list[float] = []
    jump_to = session.jump_to

    def counted(virtual: float) -> None:     # `lab advance`/`lab next`: time the learner asked for
        jumps.append(max(0.0, virtual - session.cluster.now))
        jump_to(virtual)
    session.jump_to = counted  # type: ignore[method-assign]
    return session, jumps


def run_line(line: str) -> Session:
    session, jumps = fresh_session()
    result = session.execute(line, limit=LIMIT)
    assert INTERNAL_ERROR not in result.output, result.output
    assert result.waited <= LIMIT + sum(jumps) + 1e-6, (result.waited, jumps)
    assert not session.is_waiting
    Session.from_json(json.loads(json.dumps(session.to_json())))
    return session


@given(shell_line(corpus.lines()))
def test_it_ends_every_line_without_an_internal_error(line: str) -> None:
    run_line(line)


@given(shell_line(corpus.lines()), shell_line(corpus.lines()))
def test_it_runs_the_next_line_after_any_line(first: str, second: str) -> None:
    # what a line leaves behind (functions, variables, traps, set -e, a half-read heredoc) must not
    # break the line after it
    session, _ = fresh_session()
    session.execute(first, limit=LIMIT)
    result = session.execute(second, limit=LIMIT)
    assert INTERNAL_ERROR not in result.output, result.output
    assert not session.is_waiting
