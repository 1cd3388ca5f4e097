"""``--validate``: which field validation the API server is asked for (kubectl
pkg/cmd/util/helpers.go ``GetValidationDirective``).

``strict`` (the default) fails on unknown or duplicate fields; ``warn`` lets the server drop them
and print ``Warning: unknown field "..."``; ``ignore`` drops them silently. Podlab's API server
decodes strictly, so for ``warn``/``ignore`` the object is decoded here first with that directive
(the same decoder the server uses) and the cleaned object is sent.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Invocation
from sandbox.kubectl.errors import CmdError
from sandbox.kubectl.flags import string_flag
from sandbox.sim.apiserver.decode import decode_request

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

VALIDATE_FLAG = string_flag(
    "validate", 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to '
    "validate the input and fail the request if invalid. It will perform server side validation if "
    "ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side "
    'validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if '
    'server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or '
    '"ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
    default="strict", no_opt="strict")


def field_validation(inv: Invocation) -> str:
    value = str(inv.flags.get("validate", "strict")).lower()
    if value in ("strict", "true"):
        return "Strict"
    if value == "warn":
        return "Warn"
    if value in ("ignore", "false"):
        return "Ignore"
    raise CmdError(f'invalid - validate option "{inv.flags.get("validate")}"; must be one of: strict (or true), '
                   "warn, ignore (or false)")


def prepare_for_server(k: Kube, obj: dict[str, Any], resource: str, validation: str) -> dict[str, Any]:
    """The body to send: as is for Strict; decoded with Warn/Ignore (warnings printed for Warn)."""
    if validation == "Strict":
        return obj
    decoded = decode_request(obj, resource=resource, field_validation=validation)
    for warning in decoded.warnings:
        k.err(f"Warning: {warning}\n")
    return decoded.obj
