"""PATCH bodies as the HTTP ring reads them; applying them is the core's (sandbox/sim/apiserver/patch.py).

Server-side apply bodies are YAML (JSON is YAML too); the other three kinds are JSON.
"""
from __future__ import annotations

from typing import Any

from sandbox.sim import errors
from sandbox.sim.apiserver.patch import APPLY, JSON_PATCH, MERGE_PATCH, STRATEGIC, TYPES, apply, parse_json

__all__ = ["APPLY", "JSON_PATCH", "MERGE_PATCH", "STRATEGIC", "TYPES", "apply", "parse_body"]


def parse_body(content_type: str, raw: bytes) -> Any:
    """The patch document."""
    if content_type != APPLY:
        return parse_json(raw)
    try:
        from sandbox.kubectl.yamlreader import safe_load
        return safe_load(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise errors.bad_request(f"error decoding patch: {err}") from None
    except Exception as err:  # yaml.YAMLError
        raise errors.bad_request(f"error decoding YAML: {err}") from None
