"""What the shells and utilities print when something goes wrong, per image flavour.

Two families of images: "busybox" (ash as sh, busybox applets) and "debian" (dash as sh, bash,
GNU coreutils). The shell's own messages start with a prefix built like the real ones:

* ash (busybox shell/ash.c ``ash_vmsg``): ``arg0: `` then, when running a script file,
  ``script: line N: `` (``sh -c`` has no command name, so just ``sh: foo: not found``);
* dash (src/error.c ``exvwarning``): ``arg0: N: `` (``sh: 1: foo: not found``);
* bash (5.x, ``-c``): ``bash: line N: ``;
* interactive bash (the learner's terminal): just ``bash: `` (``bash: foo: command not found``),
  and syntax errors on one line (``bash: syntax error near unexpected token `fi'``).

Utilities print ``name: ...`` in the wording of busybox (``can't open 'x'``) or GNU coreutils
(``cannot access 'x'``); the table below holds both, keyed by a message id.
"""
from __future__ import annotations

from .lexer import ShellSyntaxError

# id -> (busybox applet wording, GNU coreutils wording)
_UTIL: dict[str, tuple[str, str]] = {
    "open": ("{u}: can't open '{p}': {e}", "{u}: {p}: {e}"),            # cat, wc (GNU: plain)
    "open_for_reading": ("{u}: can't open '{p}': {e}", "{u}: cannot open '{p}' for reading: {e}"),
    "plain": ("{u}: {p}: {e}", "{u}: {p}: {e}"),                          # grep, tee
    "read_dir": ("{u}: read error: Is a directory", "{u}: {p}: Is a directory"),
    "ls": ("ls: {p}: {e}", "ls: cannot access '{p}': {e}"),
    "rm": ("rm: can't remove '{p}': {e}", "rm: cannot remove '{p}': {e}"),
    "rm_dir": ("rm: '{p}' is a directory", "rm: cannot remove '{p}': Is a directory"),
    "mkdir": ("mkdir: can't create directory '{p}': {e}", "mkdir: cannot create directory '{p}': {e}"),
    "rmdir": ("rmdir: '{p}': {e}", "rmdir: failed to remove '{p}': {e}"),
    "touch": ("touch: {p}: {e}", "touch: cannot touch '{p}': {e}"),
    "stat": ("{u}: can't stat '{p}': {e}", "{u}: cannot stat '{p}': {e}"),
    "cp_dir": ("cp: omitting directory '{p}'", "cp: -r not specified; omitting directory '{p}'"),
    "cp_create": ("cp: can't create '{p}': {e}", "cp: cannot create regular file '{p}': {e}"),
    "mv": ("mv: can't rename '{p}': {e}", "mv: cannot move '{p}' to '{d}': {e}"),
    "missing_operand": ("{u}: missing operand", "{u}: missing operand\nTry '{u} --help' for more information."),
    "missing_file_operand": ("{u}: missing operand", "{u}: missing file operand\nTry '{u} --help' for more information."),
    "bad_option": ("{u}: unrecognized option: {o}", "{u}: invalid option -- '{o}'\nTry '{u} --help' for more information."),
    "sleep_bad": ("sleep: invalid number '{a}'",
                  "sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information."),
    "number": ("{u}: invalid number '{a}'", "{u}: invalid number: '{a}'"),
}


class Messages:
    """The wording of one process: its flavour, which shell (ash, dash, bash) and its $0."""

    __slots__ = ("flavour", "shell", "arg0", "script_name", "interactive")

    def __init__(self, flavour: str, shell: str | None, arg0: str, script_name: str | None = None,
                 interactive: bool = False) -> None:
        self.flavour = flavour
        self.shell = shell or ("ash" if flavour == "busybox" else "dash")
        self.arg0 = arg0
        self.script_name = script_name
        self.interactive = interactive and self.shell == "bash"

    @property
    def gnu(self) -> bool:
        return self.flavour != "busybox"

    def util(self, key: str, util: str = "", path: str = "", err: str = "", **kw: str) -> str:
        bb, gnu = _UTIL[key]
        return (gnu if self.gnu else bb).format(u=util, p=path, e=err, **kw)

    # ---- the shell's own messages ----------------------------------------------------------

    def prefix(self, line: int) -> str:
        if self.interactive:
            return f"{self.arg0}: "
        if self.shell == "bash":
            return f"{self.arg0}: line {line}: "
        if self.shell == "dash":
            return f"{self.arg0}: {line}: "
        if self.script_name:
            return f"{self.arg0}: line {line}: "
        return f"{self.arg0}: "

    def not_found(self, name: str, line: int) -> str:
        word = "command not found" if self.shell == "bash" else "not found"
        return f"{self.prefix(line)}{name}: {word}"

    def cannot_create(self, path: str, errno: str, strerror: str, line: int) -> str:
        """A failed ``> file``: ash says ``nonexistent directory``, dash ``Directory nonexistent``."""
        if self.shell == "bash":
            return f"{self.prefix(line)}{path}: {strerror}"
        missing = errno in ("ENOENT", "ENOTDIR")
        if self.shell == "dash":
            return f"{self.prefix(line)}cannot create {path}: {'Directory nonexistent' if missing else strerror}"
        return f"{self.prefix(line)}can't create {path}: {'nonexistent directory' if missing else strerror}"

    def cannot_open(self, path: str, errno: str, strerror: str, line: int) -> str:
        if self.shell == "bash":
            return f"{self.prefix(line)}{path}: {strerror}"
        missing = errno in ("ENOENT", "ENOTDIR")
        if self.shell == "dash":
            return f"{self.prefix(line)}cannot open {path}: {'No such file' if missing else strerror}"
        return f"{self.prefix(line)}can't open {path}: {'no such file' if missing else strerror}"

    def cd_failed(self, path: str, strerror: str, line: int) -> str:
        if self.shell == "bash":
            return f"{self.prefix(line)}cd: {path}: {strerror}"
        if self.shell == "dash":
            return f"{self.prefix(line)}cd: can't cd to {path}"
        return f"{self.prefix(line)}cd: can't cd to {path}: {strerror}"

    def kill_failed(self, pid: str, line: int) -> str:
        if self.shell == "bash":
            return f"{self.prefix(line)}kill: ({pid}) - No such process"
        if self.shell == "dash":
            return f"{self.prefix(line)}kill: No such process"
        return f"{self.prefix(line)}can't kill pid {pid}: No such process"

    def illegal_number(self, builtin: str, arg: str, line: int) -> str:
        if self.shell == "bash":
            return f"{self.prefix(line)}{builtin}: {arg}: numeric argument required"
        return f"{self.prefix(line)}{builtin}: Illegal number: {arg}"

    def builtin_error(self, builtin: str, text: str, line: int) -> str:
        return f"{self.prefix(line)}{builtin}: {text}"

    def shell_error(self, text: str, line: int) -> str:
        return f"{self.prefix(line)}{text}"

    def _interactive_syntax_error(self, err: ShellSyntaxError) -> str:
        """What bash -i prints for a line it cannot parse (parse.y ``report_syntax_error``); an
        unclosed quote is what it says when the input ends inside the quotes."""
        where = f"{self.arg0}: "
        eof = f"{where}syntax error: unexpected end of file"
        if err.message == "unterminated quoted string":
            quote = next((c for c in err.source[err.pos:err.pos + 2] if c in "'\"`"), "'")
            return f"{where}unexpected EOF while looking for matching `{quote}'\n{eof}"
        if err.message:
            return f"{where}{err.message}"
        if err.token == "end of file":
            return eof
        token = (err.token or "").strip('"')
        return f"{where}syntax error near unexpected token `{token}'"

    def cannot_open_script(self, path: str) -> str:
        if self.shell == "bash":
            return f"{self.arg0}: {path}: No such file or directory"
        if self.shell == "dash":
            return f"{self.arg0}: 0: cannot open {path}: No such file"
        return f"{self.arg0}: can't open '{path}': No such file or directory"

    def syntax_error(self, err: ShellSyntaxError) -> str:
        """ash: ``sh: syntax error: unexpected "fi"``; dash: ``sh: 1: Syntax error: "fi" unexpected``;
        bash: ``bash: -c: line 1: syntax error near unexpected token `fi'`` plus the line."""
        if self.interactive:
            return self._interactive_syntax_error(err)
        if self.shell == "bash":
            where = f"{self.arg0}: {'-c' if not self.script_name else self.script_name}: line {err.line}: "
            if err.message:
                return f"{where}{err.message}"
            if err.token == "end of file":
                return f"{where}syntax error: unexpected end of file"
            token = (err.token or "").strip('"')
            return f"{where}syntax error near unexpected token `{token}'\n{where}`{err.line_text}'"
        if self.shell == "dash":
            if err.message:
                text = err.message[0].upper() + err.message[1:]
            else:
                text = f"{err.token} unexpected" + (f" (expecting {err.expecting})" if err.expecting else "")
            return f"{self.arg0}: {err.line}: Syntax error: {text}"
        where = f"{self.arg0}: line {err.line}: " if self.script_name else f"{self.arg0}: "
        return f"{where}syntax error: {err.describe()}"
