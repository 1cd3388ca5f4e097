"""The frame rate limit (sandbox/ratelimit.py; docs/limits.md): without Redis, this process's own
token bucket; with Redis, one bucket per learner in Redis shared by every process, taken by one
Lua script on Redis's clock; and with Redis away, this process's bucket again, said in the log.

The Redis tests use the real Redis at 127.0.0.1:6379 (skipped, saying so, when it does not
answer), each under a prefix of its own that it removes afterwards."""
from __future__ import annotations

import asyncio
import logging
import socket
import uuid

import pytest

from sandbox import ratelimit
from sandbox.ratelimit import BURST, RATE, RedisBucket

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _redis_py() -> bool:
    try:
        import redis.asyncio  # noqa: F401
    except ImportError:
        return False
    return True


needs_redis = pytest.mark.skipif(not (_redis_py() and _redis_answers()),
                                 reason='Redis is not reachable at 127.0.0.1:6379 (or redis-py, pip install ".[redis]", is missing)')


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    ratelimit.BUCKETS.clear()
    monkeypatch.setattr(ratelimit, "_retry_at", 0.0)
    monkeypatch.setattr(ratelimit, "_warned_at", float("-inf"))
    yield
    ratelimit.BUCKETS.clear()


@pytest.fixture
async def prefix():
    """A prefix of this test's own; its keys are deleted at the end."""
    name = f"podlab-test-rate-{uuid.uuid4().hex[:10]}"
    yield name
    import redis.asyncio
    client = redis.asyncio.Redis.from_url(REDIS_URL)
    keys = await client.keys(f"{name}*")
    if keys:
        await client.delete(*keys)
    await client.aclose()


@pytest.fixture
async def buckets():
    """Makes RedisBucket objects (each its own client and connections, as in separate processes)."""
    made: list[RedisBucket] = []

    def make(prefix: str, **kwargs) -> RedisBucket:
        made.append(RedisBucket(REDIS_URL, prefix, **kwargs))
        return made[-1]

    yield make
    for bucket in made:
        await bucket.aclose()


# -- the Redis bucket --------------------------------------------------------------------------
@needs_redis
async def test_a_burst_of_50_is_taken_and_the_next_frame_refused(prefix, buckets):
    bucket = buckets(prefix, rate=0.001)          # no refill to speak of during the test
    assert [await bucket.take("user:1") for _ in range(BURST)] == [True] * BURST
    assert await bucket.take("user:1") is False
    assert await bucket.take("user:1") is False


@needs_redis
async def test_the_default_bucket_takes_its_burst_then_refuses_at_about_the_rate(prefix, buckets):
    bucket = buckets(prefix)
    loop = asyncio.get_running_loop()
    started = loop.time()
    taken = [await bucket.take("user:1") for _ in range(BURST + 20)]
    elapsed = loop.time() - started
    assert taken[:BURST] == [True] * BURST
    assert BURST <= sum(taken) <= BURST + RATE * elapsed + 1


@needs_redis
async def test_tokens_come_back_at_the_rate(prefix, buckets):
    bucket = buckets(prefix, rate=10, capacity=2)
    assert [await bucket.take("user:1") for _ in range(3)] == [True, True, False]
    await asyncio.sleep(0.15)                     # 1.5 tokens back
    assert [await bucket.take("user:1") for _ in range(2)] == [True, False]
    await asyncio.sleep(0.25)                     # 2.5 more, but the bucket holds 2
    assert [await bucket.take("user:1") for _ in range(3)] == [True, True, False]


@needs_redis
async def test_two_learners_have_two_buckets(prefix, buckets):
    bucket = buckets(prefix, rate=0.001, capacity=3)
    assert [await bucket.take("user:1") for _ in range(4)] == [True, True, True, False]
    assert [await bucket.take("session:abc") for _ in range(4)] == [True, True, True, False]
    assert await bucket.take("user:1") is False


@needs_redis
async def test_two_clients_as_two_processes_share_one_bucket(prefix, buckets):
    here, there = buckets(prefix, rate=0.001, capacity=10), buckets(prefix, rate=0.001, capacity=10)
    assert here.client is not there.client
    taken = [await (here if i % 2 else there).take("user:7") for i in range(20)]
    assert taken == [True] * 10 + [False] * 10
    # ... but not across prefixes (two sites on one Redis)
    elsewhere = buckets(prefix + "-other", rate=0.001, capacity=10)
    assert await elsewhere.take("user:7") is True


@needs_redis
async def test_a_key_is_namespaced_and_expires_when_its_bucket_would_be_full(prefix, buckets):
    bucket = buckets(prefix, rate=100, capacity=5)
    for _ in range(5):
        assert await bucket.take("user:1")
    key = f"{prefix}:rate:user:1"
    assert bucket.key("user:1") == key
    assert await bucket.client.exists(key) == 1
    assert 0 < await bucket.client.pttl(key) <= 50      # 5 tokens at 100 a second
    await asyncio.sleep(0.1)
    assert await bucket.client.exists(key) == 0         # nothing left for an idle learner
    assert [await bucket.take("user:1") for _ in range(6)] == [True] * 5 + [False]


# -- take(): which bucket ------------------------------------------------------------------------
async def test_without_redis_take_uses_this_processs_bucket(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    assert ratelimit.shared() is None
    assert [await ratelimit.take("user:1") for _ in range(BURST)] == [True] * BURST
    assert await ratelimit.take("user:1") is False
    assert ratelimit.BUCKETS["user:1"].tokens < 1
    assert await ratelimit.take("user:2") is True


def _redis_layer(url: str, prefix: str) -> dict:
    from sandbox.config.settings import channel_layer_from_url
    layer = channel_layer_from_url(url)
    layer["CONFIG"]["prefix"] = prefix
    return {"default": layer}


@needs_redis
async def test_with_redis_take_uses_the_shared_bucket_from_the_settings(settings, prefix):
    settings.CHANNEL_LAYERS = _redis_layer(REDIS_URL, prefix)
    try:
        bucket = ratelimit.shared()
        assert bucket is not None and ratelimit.shared() is bucket      # one client per loop
        assert (bucket.url, bucket.prefix) == (REDIS_URL, prefix)
        assert [await ratelimit.take("user:1") for _ in range(BURST)] == [True] * BURST
        assert await ratelimit.take("user:1") is False
        assert ratelimit.BUCKETS == {}                                  # this process's buckets unused
        assert await bucket.client.exists(f"{prefix}:rate:user:1") == 1
    finally:
        await ratelimit.close()


@pytest.mark.skipif(not _redis_py(), reason='redis-py is not installed: pip install ".[redis]"')
async def test_with_redis_away_a_frame_falls_back_to_this_processs_bucket_and_warns_once(settings, caplog):
    with socket.socket() as s:                   # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.CHANNEL_LAYERS = _redis_layer(f"redis://127.0.0.1:{port}/0", "podlab-test-away")
    caplog.set_level(logging.WARNING, logger="sandbox.ratelimit")
    try:
        assert await ratelimit.take("user:1") is True                   # not refused, not raised
        assert ratelimit.BUCKETS["user:1"].tokens == BURST - 1
        ratelimit._retry_at = 0.0                                        # ask Redis again at once
        assert all([await ratelimit.take("user:1") for _ in range(BURST - 1)])
        assert await ratelimit.take("user:1") is False                  # this process's limit still holds
    finally:
        await ratelimit.close()
    warnings = [r for r in caplog.records if r.name == "sandbox.ratelimit"]
    assert len(warnings) == 1, warnings                                  # at most once a minute
    assert "Redis did not answer" in warnings[0].getMessage()
