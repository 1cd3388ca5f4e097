"""Sandboxes in the database: created with today's clock, loaded under a lock, caught up, saved."""
from __future__ import annotations

import pytest

from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox, open_sandbox

pytestmark = pytest.mark.django_db

T0 = 1_790_000_000.0      # an arbitrary wall instant (2026-09-21)


def test_it_starts_a_sandbox_with_timestamps_of_its_creation():
    row = create_sandbox(seed=3, now_wall=T0)
    with open_sandbox(row.id, now_wall=T0) as (_, session):
        node = session.cluster.api.get("nodes", "", "node01")
    assert node["metadata"]["creationTimestamp"] == "2026-09-21T14:13:20Z"
    assert len(row.token) >= 43


def test_it_lets_simulated_time_follow_the_wall_clock_and_keeps_what_changed():
    row = create_sandbox(now_wall=T0)
    with open_sandbox(row.id, now_wall=T0 + 1) as (_, session):
        assert session.execute("kubectl run web --image=nginx").output == "pod/web created\n"
    with open_sandbox(token=row.token, now_wall=T0 + 31) as (_, session):
        assert session.now == 31
        assert session.execute("kubectl get pods --no-headers").output.split()[:3] == ["web", "1/1", "Running"]


def test_it_forgets_a_block_that_failed():
    row = create_sandbox(now_wall=T0)
    with pytest.raises(RuntimeError):
        with open_sandbox(row.id, now_wall=T0) as (_, session):
            session.execute("kubectl run web --image=nginx")
            raise RuntimeError("the request failed half-way")
    with open_sandbox(row.id, now_wall=T0) as (_, session):
        assert "No resources found" in session.execute("kubectl get pods").output


def test_it_refuses_a_revoked_or_unknown_token():
    row = create_sandbox(now_wall=T0)
    old = row.token
    row.rotate_token()
    with pytest.raises(Sandbox.DoesNotExist):
        with open_sandbox(token=old):
            pass
    with pytest.raises(Sandbox.DoesNotExist):
        with open_sandbox(token="not-a-token"):
            pass
