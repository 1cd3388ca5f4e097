from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.api.live import KUBECTL, Live


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One Daphne serving Podlab on a free port, with its own SQLite database (tests/api/live.py)."""
    server = Live(tmp_path_factory.mktemp("live"))
    (server.workdir / "home").mkdir()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def kubectl_binary() -> str:
    if not Path(KUBECTL).exists():
        pytest.skip(f"the real kubectl 1.32 is not installed at {KUBECTL}")
    return KUBECTL
