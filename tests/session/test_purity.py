"""The one rule holds for the session, the learner's terminal and the transcript runner too:
plain, deterministic Python (DESIGN.md). Checked with the same reader as sandbox/sim."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PURE = [ROOT / "sandbox" / "session.py", *sorted((ROOT / "sandbox" / "terminal").rglob("*.py")),
        *sorted((ROOT / "sandbox" / "transcripts").rglob("*.py"))]


def _checker():
    spec = importlib.util.spec_from_file_location("podlab_purity", ROOT / "tests" / "test_purity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.purity_violations


def test_it_keeps_the_session_the_terminal_and_the_runner_pure():
    violations = _checker()
    assert len(PURE) > 10
    problems = [p for path in PURE for p in violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not problems, "\n".join(problems)


def test_it_keeps_the_web_out_of_the_session():
    for path in PURE:
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
