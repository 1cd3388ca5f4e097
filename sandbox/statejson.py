"""The JSON of a sandbox's state column, written and read with orjson.

Every turn that changes what a tab shows saves the whole session (~45 KiB for two pods): with
the standard library's encoder that was a fifth of a terminal line's CPU. Django's JSONField
calls ``json.dumps(value, cls=encoder)`` and ``json.loads(text, cls=decoder)`` (on SQLite and,
through psycopg's Jsonb dumper, on PostgreSQL), so an encoder and a decoder whose ``encode`` and
``decode`` are orjson's give the same values, about eight times faster to write and twice as fast
to read. The text is compact (no spaces after separators); the values are the same.

orjson refuses an integer beyond 64 bits and turns NaN and infinities into null; the state holds
neither (PostgreSQL's jsonb would refuse NaN anyway, and Session.to_json writes an infinite wake-up
as "inf"), and an integer too large falls back to the standard encoder rather than fail.
"""
from __future__ import annotations

import json
from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS


class StateEncoder(json.JSONEncoder):
    def encode(self, o: Any) -> str:
        try:
            return orjson.dumps(o, option=_OPTIONS).decode()
        except TypeError:              # e.g. an integer beyond 64 bits: the standard encoder
            return super().encode(o)


class StateDecoder(json.JSONDecoder):
    def decode(self, s: str, *args: Any) -> Any:  # type: ignore[override]
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError:
            return super().decode(s)   # e.g. NaN written by the standard encoder before this
