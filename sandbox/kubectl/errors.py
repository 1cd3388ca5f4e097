"""Every error a kubectl command can end with, and the one function that prints it.

``render_error`` is kubectl's ``cmdutil.CheckErr`` (k8s.io/kubectl pkg/cmd/util/helpers.go,
``checkErr``, ``StandardErrorMessage``, ``MultilineError``, ``MultipleErrors``): API errors print as
``Error from server (NotFound): pods "x" not found``, 422s with field causes as ``The Pod "x" is
invalid: ...`` (one line per cause after a bare prefix when there are several), aggregates as one
line per error, an exec's exit status as ``command terminated with exit code N`` with that status,
and anything else as ``error: <text>``. The exit status is 1 unless an error says otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

DEFAULT_ERROR_EXIT_CODE = 1


class KubectlError(Exception):
    """An error a command returns to CheckErr (Go's ``error``)."""

    def __str__(self) -> str:  # err.Error()
        return self.args[0] if self.args else ""


class CmdError(KubectlError):
    """``fmt.Errorf(...)``: printed as ``error: <message>``."""


class UsageError(KubectlError):
    """``cmdutil.UsageErrorf(cmd, ...)``: the message, then ``See 'kubectl run -h' for help and examples``."""

    def __init__(self, command_path: str, message: str) -> None:
        super().__init__(f"{message}\nSee '{command_path} -h' for help and examples")


class FlagUsageError(KubectlError):
    """A pflag/cobra flag error, as kubectl's flag error function words it."""

    def __init__(self, command_path: str, message: str) -> None:
        super().__init__(f"{message}\nSee '{command_path} --help' for usage.")


class ResourceTypeError(CmdError):
    """The builder's mappingFor: ``the server doesn't have a resource type "foo"``."""

    def __init__(self, resource: str) -> None:
        super().__init__(f'the server doesn\'t have a resource type "{resource}"')


class ExitError(KubectlError):
    """utilexec.ExitError: printed bare, and its code is the exit status (``kubectl exec``)."""

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message or f"command terminated with exit code {code}")
        self.code = code


class Exit(KubectlError):
    """cmdutil.ErrExit: everything was already printed; exit with ``code``."""

    def __init__(self, code: int = DEFAULT_ERROR_EXIT_CODE) -> None:
        super().__init__("")
        self.code = code


class RawError(KubectlError):
    """A message printed exactly as given (cobra's own errors and texts ending in a newline)."""


@dataclass(eq=False)
class Aggregate(KubectlError):
    """utilerrors.Aggregate: several errors, printed one per line."""

    errors: list[Exception] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message())

    def message(self) -> str:
        msgs: list[str] = []
        for err in self.errors:
            text = error_text(err)
            if text not in msgs:
                msgs.append(text)
        if len(msgs) == 1:
            return msgs[0]
        return "[" + ", ".join(msgs) + "]"


def error_text(err: Exception) -> str:
    """err.Error() for any error a command may hold."""
    if isinstance(err, StatusError):
        return err.message
    return str(err)


def add_source(verb: str, source: str, err: Exception) -> Exception:
    """cmdutil.AddSourceToErr: ``error when creating "pod.yaml": <message>`` (API errors keep their
    reason and details: only the message changes)."""
    if not source:
        return err
    if isinstance(err, StatusError):
        return StatusError(err.code, err.reason, f'error when {verb} "{source}": {err.message}', err.details)
    return CmdError(f'error when {verb} "{source}": {error_text(err)}')


def standard_error_message(err: Exception) -> str | None:
    """StandardErrorMessage: the text of an API error, None for other errors."""
    if isinstance(err, StatusError):
        if err.reason == "Unauthorized":
            return f"error: You must be logged in to the server ({err.message})"
        if err.reason:
            return f"Error from server ({err.reason}): {err.message}"
        return f"Error from server: {err.message}"
    return None


def _message_for_error(err: Exception) -> str:
    return standard_error_message(err) or error_text(err)


def _invalid(err: StatusError) -> str:
    """The IsInvalid branch of checkErr: ``The Pod "x" is invalid: ...``."""
    details: dict[str, Any] = err.details or {}
    if not details:     # no details in the Status: the server's message, when it has one
        return f"The request is invalid: {err.message}" if err.message else "The request is invalid"
    prefix = "The request is invalid"
    if details.get("kind") or details.get("name"):
        prefix = f'The {details.get("kind", "")} "{details.get("name", "")}" is invalid'
    causes = details.get("causes") or []
    if not causes:
        return prefix
    lines: list[str] = []
    for cause in causes:  # statusCausesToAggrError: "field: message", duplicates dropped
        text = f'{cause.get("field", "")}: {cause.get("message", "")}'
        if text not in lines:
            lines.append(text)
    if len(lines) == 1:
        return f"{prefix}: {lines[0]}\n"
    return f"{prefix}: \n" + "".join(f"* {line}\n" for line in lines)


def render_error(err: Exception) -> tuple[str, int]:
    """checkErr: the text printed on standard error (newline-terminated, or empty) and the exit status."""
    if isinstance(err, Aggregate) and len(err.errors) == 1:
        err = err.errors[0]
    if isinstance(err, Exit):
        return "", err.code
    if isinstance(err, StatusError) and err.reason == "Invalid":
        return _terminate(_invalid(err)), DEFAULT_ERROR_EXIT_CODE
    if isinstance(err, Aggregate):
        return "".join(_terminate(_message_for_error(e)) for e in err.errors), DEFAULT_ERROR_EXIT_CODE
    if isinstance(err, ExitError):
        return _terminate(str(err)), err.code
    if isinstance(err, RawError):
        return _terminate(str(err)), DEFAULT_ERROR_EXIT_CODE
    msg = standard_error_message(err)
    if msg is None:
        msg = error_text(err)
        if not msg.startswith("error: "):
            msg = f"error: {msg}"
    return _terminate(msg), DEFAULT_ERROR_EXIT_CODE


def _terminate(msg: str) -> str:
    if not msg:
        return ""
    return msg if msg.endswith("\n") else msg + "\n"


def check_err(k: Kube, err: Exception) -> int:
    """Print ``err`` as kubectl does on standard error; return the exit status."""
    text, code = render_error(err)
    if text:
        k.err(text)
    return code
