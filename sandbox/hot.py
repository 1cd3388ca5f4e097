"""A process's copy of a sandbox it serves: what its last turn left, kept for the next one.

A turn loads the sandbox's state (a JSON document of ~50 KiB for two pods), rebuilds the session,
acts and saves it back. For a sandbox whose tabs are open here, the next turn is usually this
process's own: the runner (live.py) keeps the session, timeline and web state its last turn ended
with, with the row's ``version`` at that moment (models.Sandbox.save counts every save of the
state). A turn still locks the row, and uses the copy only while the row's version is the one the
copy was made at; any other writer (another process's turn, a Kubernetes API request, a reset)
has counted a save, and the turn loads the row as before. Correctness never depends on the copy:
without it every turn loads, as every turn did before it existed.

The copy may be *ahead* of the saved state: a wake-up that changed nothing a tab shows is not saved
(turns.py); the saved state brought to the same instant gives the same session (simulated time
advances exactly however it is cut), so the copy is what loading would give anyway.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.frames import View
from sandbox.session import Session
from sandbox.timeline import Timeline

# The columns a turn reads under the lock; ``state`` only when the copy is not current.
HEAD = ("id", "version", "lesson", "owner_id", "session_key")


@dataclass(slots=True)
class Hot:
    version: int              # Sandbox.version of the state this copy is (or is ahead of)
    session: Session
    timeline: Timeline
    web: dict[str, Any]       # state["web"] as saved: timeline bands, frames log, seq, waiting
    lesson: Any               # state["lesson"] as saved (a lesson's progress), or None
    view: View | None = None  # what the tabs were last shown of it (None: not known)
    files: list[str] | None = None

    @classmethod
    def load(cls, version: int, state: dict[str, Any], web_key: str, lesson_key: str) -> Hot:
        """The copy a saved state gives (``view`` unknown: the turn that loads it saves it)."""
        web = state.get(web_key) or {}
        return cls(version, Session.from_json(state), Timeline.from_json(web.get("timeline")), web,
                   state.get(lesson_key))
