from __future__ import annotations

import multiprocessing

import pytest


def pytest_configure(config):
    # A forked live Daphne inherits asgiref's executor without its thread and hangs on its first
    # database hop; spawned children start clean (pitfall P3 in the Channels notes).
    multiprocessing.set_start_method("spawn", force=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's, and then, before it destroys the test database: turns run on a thread of
    their own with a connection it keeps (sandbox/turnqueue.py), which is closed first, or SQLite
    would leave that database's -wal file behind for the next run's new database."""
    yield
    from sandbox.turnqueue import close_connections
    close_connections()
