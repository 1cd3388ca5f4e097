"""Shell builtins and system utilities: exact output in both image flavours."""
from __future__ import annotations

import pytest

from sandbox.sim.shell import Exited, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end

ENV = {"HOME": "/root", "PATH": "/bin", "HOSTNAME": "pod-a"}


def sh(script: str, flavour: str = "busybox", **kw) -> tuple[object, str, str]:
    host = FakeHost()
    outcome = run_to_end(spawn(["sh", "-c", script], dict(ENV), flavour=flavour, **kw), host)
    return outcome, host.stdout, host.stderr


def out(script: str, flavour: str = "busybox") -> str:
    return sh(script, flavour)[1]


def test_it_echoes_with_ash_options():
    assert out('echo -n a; echo -e "b\\tc"; echo "x\\ty"; echo -E "\\n"') == "ab\tc\nx\\ty\n\\n\n"


def test_it_echoes_like_dash_on_debian():
    # dash's echo knows only -n and always interprets escapes: `echo -e` prints "-e"
    assert out('echo -n a; echo -e "b\\tc"', "debian") == "a-e b\tc\n"


def test_it_formats_with_printf():
    assert out('printf "%s|%5s|%-5s|%d|%03d|%x|%o|%c|%%\\n" a b c 42 7 255 8 zed') == "a|    b|c    |42|007|ff|10|z|%\n"
    assert out('printf "%s\\n" 1 2 3') == "1\n2\n3\n"
    assert out('printf "%.2f %5.1f\\n" 3.14159 2') == "3.14   2.0\n"
    assert out('printf "%b" "a\\nb\\c" x; printf "x\\cy"') == "a\nbx"
    assert sh('printf "%d\\n" abc') == (Exited(1), "0\n", "printf: invalid number 'abc'\n")
    assert sh('printf "%d\\n" abc', "debian") == (Exited(1), "0\n", "printf: 'abc': expected a numeric value\n")


def test_it_tests_files_strings_and_numbers():
    script = ('[ -f /etc/hostname ] && echo f; [ -d /tmp ] && echo d; [ -e /nope ] || echo ne; '
              '[ -z "" ] && echo z; [ -n x ] && echo n; [ 3 -gt 2 ] && echo gt; [ 2 -le 2 ] && echo le; '
              '[ a != b ] && echo ne2; [ ! -s /dev/null ] && echo empty; test 1 -eq 1 -a 2 -ne 2 || echo and; '
              '[ 1 -lt 2 -o x = y ] && echo or; [ ] || echo none')
    assert out(script) == "f\nd\nne\nz\nn\ngt\nle\nne2\nempty\nand\nor\nnone\n"


@pytest.mark.parametrize(("script", "flavour", "stderr"), [
    ("[ abc -eq 1 ]", "busybox", "sh: abc: bad number\n"),
    ("[ abc -eq 1 ]", "debian", "sh: 1: [: Illegal number: abc\n"),
    ("[ 1 = 1", "busybox", "sh: missing ]\n"),
    ("[ 1 = 1", "debian", "sh: 1: [: missing ]\n"),
])
def test_it_fails_bad_tests_with_status_2(script, flavour, stderr):
    assert sh(script + "; echo $?", flavour) == (Exited(0), "2\n", stderr)


def test_it_changes_directory():
    assert sh("cd /nope; echo $?; cd /tmp && pwd; cd; pwd; cd -") == (
        Exited(0), "2\n/tmp\n/root\n/tmp\n", "sh: cd: can't cd to /nope: No such file or directory\n")
    assert sh("cd /nope", "debian")[2] == "sh: 1: cd: can't cd to /nope\n"


def test_it_manages_variables_and_the_environment():
    assert out("export A=1; B=2; unset HOME; env; printenv A PATH; printenv NOPE; echo $?") == (
        "PATH=/bin\nHOSTNAME=pod-a\nA=1\n1\n/bin\n1\n")
    assert out("X=1 env | grep X; echo ${X:-unset}") == "X=1\nunset\n"
    assert out("export Z=9; export -p | grep Z") == "export Z='9'\n"


def test_it_expands_parameters():
    assert out('echo ${X:=dflt} $X ${Y:+alt} ${HOME:+alt} ${#HOME} ${HOME#/} ${P##*/}', ) == "dflt dflt alt 5 root\n"
    assert out('f=/a/b/c.tar.gz; echo ${f##*/} ${f%%.*} ${f%.gz} ${f#*/}') == "c.tar.gz /a/b/c /a/b/c.tar a/b/c.tar.gz\n"
    assert sh("echo ${Z:?missing}; echo notreached") == (Exited(1), "", "sh: Z: missing\n")
    assert sh("set -u; echo $NOPE", "debian") == (Exited(2), "", "sh: 1: NOPE: parameter not set\n")


def test_it_sets_positional_parameters_and_shifts():
    assert out('set -- a "b c" d; echo $#; for x in "$@"; do echo "[$x]"; done; shift 2; echo "$*"') == (
        "3\n[a]\n[b c]\n[d]\nd\n")


def test_it_splits_fields_and_globs():
    assert out('a="1 2  3"; for w in $a; do echo "[$w]"; done; for w in "$a"; do echo "[$w]"; done') == (
        "[1]\n[2]\n[3]\n[1 2  3]\n")
    assert out('IFS=:; x=a:b::c; for w in $x; do echo "[$w]"; done') == "[a]\n[b]\n[]\n[c]\n"
    assert out('touch /tmp/a.log /tmp/b.log /tmp/c.txt; echo /tmp/*.log; echo "/tmp/*.log"; echo /none/*') == (
        "/tmp/a.log /tmp/b.log\n/tmp/*.log\n/none/*\n")


def test_it_does_arithmetic():
    assert out("i=5; echo $((i * 2 + 1)) $((10 / 3)) $((-7 / 2)) $((10 % 3)) $((2 ** 10)) $((i > 3 ? 1 : 0)); "
               ": $((i += 1)); echo $i $((0x10)) $((010))") == "11 3 -3 1 1024 1\n6 16 8\n"
    assert sh("echo $((1 / 0))")[2] == "sh: divide by zero\n"


def test_it_reads_lines_from_stdin():
    assert out('read a b <<< "x y z"; echo "$a|$b"; printf "1\\n2\\n" | while read n; do echo "n=$n"; done') == (
        "x|y z\nn=1\nn=2\n")
    assert out('echo "a\\\\b" | { read -r v; echo "$v"; }; read x < /dev/null; echo $?') == "a\\b\n1\n"


def test_it_runs_functions_with_local_variables_and_return():
    assert out('v=outer; f() { local v=inner; echo "$v $1 $#"; return 3; }; f x y; echo "$? $v"') == (
        "inner x 2\n3 outer\n")


def test_it_breaks_and_continues_loops():
    assert out("for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done; echo end") == (
        "1\n3\nend\n")
    assert out("for a in x y; do for b in 1 2; do echo $a$b; break 2; done; done") == "x1\n"


def test_it_evaluates_and_sources():
    host = FakeHost()
    host.fs.write("/tmp/lib.sh", "greet() { echo \"hello $1\"; }\nLOADED=yes\n")
    proc = spawn(["sh", "-c", 'cmd="echo evaluated"; eval "$cmd"; . /tmp/lib.sh; greet you; echo $LOADED'], {})
    assert run_to_end(proc, host) == Exited(0)
    assert host.stdout == "evaluated\nhello you\nyes\n"


def test_it_runs_case_statements():
    assert out('for f in a.txt b.log c; do case "$f" in *.txt) echo "$f text";; *.log|*.out) echo "$f log";; '
               '*) echo "$f other";; esac; done') == "a.txt text\nb.log log\nc other\n"


def test_it_lists_traps():
    assert out("trap 'echo bye' EXIT; trap 'exit 1' TERM INT; trap") == (
        "trap -- 'echo bye' EXIT\ntrap -- 'exit 1' INT\ntrap -- 'exit 1' TERM\nbye\n")
    assert sh("trap 'x' FOO")[2] == "sh: trap: FOO: bad trap\n"


def test_it_prints_the_date_in_utc():
    assert out("date; date +%s; date -u +%Y-%m-%dT%H:%M:%SZ; sleep 4; date") == (
        "Mon Jan  6 10:00:00 UTC 2025\n1736157600\n2025-01-06T10:00:00Z\nMon Jan  6 10:00:04 UTC 2025\n")
    assert out("date -I; date -R") == "2025-01-06\nMon, 06 Jan 2025 10:00:00 +0000\n"


def test_it_describes_the_system():
    assert out("hostname; id; whoami; uname; uname -r; uname -a") == (
        "pod-a\nuid=0(root) gid=0(root) groups=0(root)\nroot\nLinux\n5.15.0\nLinux pod-a 5.15.0 #1 SMP x86_64 GNU/Linux\n")


def test_it_lists_processes_like_busybox_ps():
    host = FakeHost(procs=[(1, ["sleep", "3600"]), (7, ["sh"]), (13, ["ps"])])
    run_to_end(spawn(["ps"], {}), host)
    assert host.stdout == ("PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n"
                           "    7 root      0:00 sh\n   13 root      0:00 ps\n")


def test_it_exits_with_the_given_status():
    assert sh("exit 3") == (Exited(3), "", "")
    assert sh("false; exit") == (Exited(1), "", "")
    assert sh("exit abc") == (Exited(2), "", "sh: exit: Illegal number: abc\n")
    assert sh("exit abc", "debian") == (Exited(2), "", "sh: 1: exit: Illegal number: abc\n")


def test_it_runs_a_child_shell():
    assert out("sh -c 'echo child $0 $1; exit 4' me one; echo $?; X=1; sh -c 'echo ${X:-unexported}'") == (
        "child me one\n4\nunexported\n")


def test_it_redirects_output_and_errors():
    host = FakeHost()
    script = ("echo one > /tmp/f; echo two >> /tmp/f; nosuch 2>/dev/null; ls /nope > /tmp/both 2>&1; "
              "echo err >&2; { echo a; echo b; } > /tmp/g; cat /tmp/f /tmp/both /tmp/g; echo x > /nope/f")
    assert run_to_end(spawn(["sh", "-c", script], {}), host) == Exited(2)
    assert host.stdout == "one\ntwo\nls: /nope: No such file or directory\na\nb\n"
    assert host.stderr == "err\nsh: can't create /nope/f: nonexistent directory\n"


def test_it_reports_redirection_failures_per_shell():
    assert sh("cat < /nope; echo x > /nope/y")[2] == (
        "sh: can't open /nope: no such file\nsh: can't create /nope/y: nonexistent directory\n")
    assert sh("cat < /nope; echo x > /nope/y", "debian")[2] == (
        "sh: 1: cannot open /nope: No such file\nsh: 1: cannot create /nope/y: Directory nonexistent\n")


def test_it_keeps_exec_redirections():
    host = FakeHost()
    run_to_end(spawn(["sh", "-c", "exec > /tmp/log 2>&1; echo to log; nosuch"], {}), host)
    assert host.writes == []
    assert host.fs.read("/tmp/log") == "to log\nsh: nosuch: not found\n"


def test_it_writes_to_files_as_it_goes():
    host = FakeHost()
    proc = spawn(["sh", "-c", "while true; do date >> /tmp/dates; sleep 10; done"], {})
    run_to_end(proc, host, limit=2)
    assert host.fs.read("/tmp/dates") == ("Mon Jan  6 10:00:00 UTC 2025\nMon Jan  6 10:00:10 UTC 2025\n"
                                          "Mon Jan  6 10:00:20 UTC 2025\n")


def test_it_traces_with_set_x():
    assert sh("set -x; echo hi")[1:] == ("hi\n", "+ echo hi\n")


def test_it_supports_double_brackets_in_ash_and_bash_only():
    script = '[[ -f /etc/hostname ]] && echo yes; x=abc; [[ $x == a* ]] && echo glob; [[ $x =~ ^a.c$ ]] && echo re'
    assert out(script) == "yes\nglob\nre\n"
    assert sh("[[ -f /etc/hostname ]]", "debian") == (Exited(127), "", "sh: 1: [[: not found\n")


def test_it_draws_random_numbers_deterministically():
    # ash and bash have $RANDOM (here seeded from the pid, so runs repeat); dash has none
    assert out("echo $RANDOM $RANDOM; RANDOM=5; echo $((RANDOM % 10)) $RANDOM") == out(
        "echo $RANDOM $RANDOM; RANDOM=5; echo $((RANDOM % 10)) $RANDOM")
    assert out("RANDOM=5; echo $RANDOM $RANDOM") == "18499 9909\n"
    assert out("echo x${RANDOM}x", "debian") == "xx\n"


def test_it_prints_grep_context_like_gnu_grep():
    text = r"printf 'a\nb\nX\nc\nd\ne\nf\nX\ng\n' > /tmp/f; "
    assert out(text + "grep -A1 X /tmp/f", "debian") == "X\nc\n--\nX\ng\n"
    assert out(text + "grep -B2 -n X /tmp/f", "debian") == "1-a\n2-b\n3:X\n--\n6-e\n7-f\n8:X\n"
    assert out(text + "grep -C 1 X /tmp/f", "debian") == "b\nX\nc\n--\nf\nX\ng\n"
