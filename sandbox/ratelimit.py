"""The rate limit on a learner's frames (docs/limits.md): a token bucket per learner, ``RATE``
frames a second on average and ``BURST`` at once, shared by all their tabs.

``take(learner)`` is the only entry point. With the in-memory channel layer (one process, no
REDIS_URL) the bucket lives in this process's memory (``TokenBucket``, ``BUCKETS``). With Redis
(several processes, REDIS_URL set) it lives in Redis, so a learner whose tabs are on several
processes still has one bucket: one Lua script refills and takes atomically, with Redis's own
clock (``TIME``), so neither a race between processes nor the clocks of different machines
matter. A key expires when its bucket would be full again, so idle learners leave nothing behind.
"""
from __future__ import annotations

import asyncio
import logging
import math
import time
import weakref
from typing import Any

RATE = 10.0                     # frames a second per learner, on average ...
BURST = 50                      # ... and at most this many at once (a pasted script)
BUCKETS: dict[str, TokenBucket] = {}
TIMEOUT = 0.25                  # seconds Redis may take to connect or answer before a frame falls back
RETRY_AFTER = 1.0               # after a failure, frames use this process's bucket for this long ...
WARN_EVERY = 60.0               # ... and the failure is logged at most once in this many seconds

log = logging.getLogger(__name__)


class TokenBucket:
    """``capacity`` tokens, ``rate`` more each second; a frame takes one or is refused."""

    def __init__(self, rate: float = RATE, capacity: float = BURST) -> None:
        self.rate, self.capacity = rate, capacity
        self.tokens, self.stamp = capacity, time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def bucket_for(learner: str) -> TokenBucket:
    """One bucket per learner in this process, shared by their tabs."""
    if learner not in BUCKETS:
        if len(BUCKETS) > 10_000:        # forget the idle ones (full buckets) now and then
            for key in [k for k, b in BUCKETS.items() if b.take() and b.tokens >= b.capacity - 1]:
                del BUCKETS[key]
        BUCKETS[learner] = TokenBucket()
    return BUCKETS[learner]


# KEYS[1]: the learner's bucket, a hash {tokens, stamp (Redis's clock, ms)}; ARGV: rate, capacity.
# Returns 1 (a token taken) or 0 (refused). An absent key is a full bucket.
SCRIPT = """
local rate, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens, stamp = tonumber(saved[1]), tonumber(saved[2])
if tokens == nil or stamp == nil then
  tokens, stamp = capacity, now
end
tokens = math.min(capacity, tokens + math.max(0, now - stamp) * rate / 1000)
local taken = 0
if tokens >= 1 then
  tokens, taken = tokens - 1, 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'stamp', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) * 1000 / rate)))
return taken
"""


class RedisBucket:
    """Every learner's bucket in one Redis, under ``{prefix}:rate:{learner}``: any number of these
    objects (one per process) pointing at the same Redis and prefix share each learner's bucket."""

    def __init__(self, url: str, prefix: str, rate: float = RATE, capacity: float = BURST,
                 max_connections: int | None = None) -> None:
        import redis.asyncio                      # lazily: the embedded set-up does without redis-py
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff
        self.url, self.prefix, self.rate, self.capacity = url, prefix, rate, capacity
        # One immediate retry (a pooled connection Redis has closed), no back-off; short timeouts:
        # a frame waits at most about 2 * TIMEOUT for a Redis that does not answer.
        self.client = redis.asyncio.Redis.from_url(
            url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT, retry=Retry(NoBackoff(), 1),
            max_connections=max_connections)
        self.script = self.client.register_script(SCRIPT)

    def key(self, learner: str) -> str:
        return f"{self.prefix}:rate:{learner}"

    async def take(self, learner: str) -> bool:
        return bool(await self.script(keys=[self.key(learner)], args=[self.rate, self.capacity]))

    async def aclose(self) -> None:
        await self.client.aclose()


def redis_config() -> tuple[str, str, int | None] | None:
    """(url, prefix, max_connections) of the Redis channel layer the settings built from REDIS_URL
    and REDIS_PREFIX (sandbox/config/settings.py), or None with the in-memory layer."""
    from django.conf import settings
    layer = settings.CHANNEL_LAYERS.get("default", {})
    if not str(layer.get("BACKEND", "")).startswith("channels_redis."):
        return None
    config = layer.get("CONFIG", {})
    host: Any = (config.get("hosts") or ["redis://127.0.0.1:6379"])[0]
    if isinstance(host, dict):
        return str(host["address"]), str(config.get("prefix", "asgi")), host.get("max_connections")
    return str(host), str(config.get("prefix", "asgi")), None


# One client per event loop (Daphne runs one): a redis.asyncio connection belongs to its loop.
_SHARED: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RedisBucket] = weakref.WeakKeyDictionary()
_retry_at = 0.0
_warned_at = -math.inf


def shared() -> RedisBucket | None:
    """This loop's client of the configured Redis, or None when there is none."""
    config = redis_config()
    if config is None:
        return None
    loop = asyncio.get_running_loop()
    bucket = _SHARED.get(loop)
    if bucket is None or (bucket.url, bucket.prefix) != config[:2]:
        bucket = _SHARED[loop] = RedisBucket(config[0], config[1], max_connections=config[2])
    return bucket


async def take(learner: str) -> bool:
    """Takes one of ``learner``'s tokens: True if the frame may go on, False if it is refused."""
    global _retry_at, _warned_at
    bucket = shared()
    if bucket is None or time.monotonic() < _retry_at:
        return bucket_for(learner).take()
    from redis.exceptions import RedisError
    try:
        return await bucket.take(learner)
    except (RedisError, OSError, asyncio.TimeoutError) as exc:
        # Availability over strictness: a learner is not refused (nor the socket broken) because
        # Redis is away. This process's own bucket decides instead, so each process still holds a
        # learner to RATE and BURST; only the sum over processes is lost until Redis answers again.
        now = time.monotonic()
        _retry_at = now + RETRY_AFTER
        if now - _warned_at >= WARN_EVERY:
            _warned_at = now
            log.warning("rate limit: Redis did not answer (%s: %s); each process limits learners on "
                        "its own until it does", type(exc).__name__, exc)
        return bucket_for(learner).take()


async def close() -> None:
    """Closes this loop's Redis client, if it has one (tests; a process simply exits)."""
    bucket = _SHARED.pop(asyncio.get_running_loop(), None)
    if bucket is not None:
        await bucket.aclose()
