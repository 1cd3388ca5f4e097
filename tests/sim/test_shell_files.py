"""File and text utilities, with busybox and GNU coreutils wording."""
from __future__ import annotations

import pytest

from sandbox.sim.shell import Blocked, Exited, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end


def sh(script: str, flavour: str = "busybox", host: FakeHost | None = None, **kw) -> tuple[object, str, str]:
    host = host or FakeHost()
    outcome = run_to_end(spawn(["sh", "-c", script], {}, flavour=flavour, **kw), host)
    return outcome, host.stdout, host.stderr


@pytest.mark.parametrize(("flavour", "stderr"), [
    ("busybox", "cat: can't open '/nope': No such file or directory\ncat: read error: Is a directory\n"),
    ("debian", "cat: /nope: No such file or directory\ncat: /tmp: Is a directory\n"),
])
def test_it_cats_files_and_stdin(flavour, stderr):
    assert sh("echo a > /tmp/f; cat /tmp/f - /nope <<< stdin; cat /tmp; cat -n /tmp/f", flavour) == (
        Exited(0), "a\nstdin\n     1\ta\n", stderr)


@pytest.mark.parametrize(("flavour", "stdout", "stderr", "code"), [
    ("busybox",
     "a\nd\nf\n.\n..\nb\ntotal 12\ndrwxr-xr-x    2 root     root          4096 Jan  6 10:00 a\n"
     "drwxr-xr-x    2 root     root          4096 Jan  6 10:00 d\n-rw-r--r--    1 root     root             6 Jan  6 10:00 f\n"
     "/tmp/a:\nb\n",
     "ls: /nope: No such file or directory\n", 1),
    ("debian",
     "a\nd\nf\n.\n..\nb\ntotal 12\ndrwxr-xr-x 2 root root 4096 Jan  6 10:00 a\n"
     "drwxr-xr-x 2 root root 4096 Jan  6 10:00 d\n-rw-r--r-- 1 root root    6 Jan  6 10:00 f\n"
     "/tmp/a:\nb\n",
     "ls: cannot access '/nope': No such file or directory\n", 2),
])
def test_it_lists_directories(flavour, stdout, stderr, code):
    script = "mkdir -p /tmp/d /tmp/a/b; echo hello > /tmp/f; ls /tmp; ls -a /tmp/a; ls -l /tmp; ls /tmp/a /nope"
    assert sh(script, flavour) == (Exited(code), stdout, stderr)


def test_it_lists_in_columns_on_a_terminal():
    assert sh("touch /tmp/one /tmp/two /tmp/three; ls /tmp", tty=True)[1] == "one    three  two\n"


@pytest.mark.parametrize(("flavour", "stderr"), [
    ("busybox",
     "mkdir: can't create directory '/tmp/d': File exists\nmkdir: can't create directory '/x/y': No such file or directory\n"
     "touch: /nope/x: No such file or directory\nrm: can't remove '/tmp/gone': No such file or directory\n"
     "rm: '/tmp/d' is a directory\nrmdir: '/tmp': Directory not empty\n"),
    ("debian",
     "mkdir: cannot create directory '/tmp/d': File exists\nmkdir: cannot create directory '/x/y': No such file or directory\n"
     "touch: cannot touch '/nope/x': No such file or directory\nrm: cannot remove '/tmp/gone': No such file or directory\n"
     "rm: cannot remove '/tmp/d': Is a directory\nrmdir: failed to remove '/tmp': Directory not empty\n"),
])
def test_it_makes_and_removes_files(flavour, stderr):
    host = FakeHost()
    script = ("mkdir /tmp/d /tmp/d; mkdir /x/y; touch /nope/x; touch /tmp/t; rm /tmp/gone; rm -f /tmp/gone; "
              "rm /tmp/d; rmdir /tmp; rm -rf /tmp/d; rm /tmp/t")
    assert sh(script, flavour, host) == (Exited(0), "", stderr)
    assert host.fs.listdir("/tmp") == []


@pytest.mark.parametrize(("flavour", "stderr"), [
    ("busybox", "cp: can't stat '/nope': No such file or directory\ncp: omitting directory '/tmp/dd'\n"
                "mv: can't rename '/nope': No such file or directory\n"),
    ("debian", "cp: cannot stat '/nope': No such file or directory\ncp: -r not specified; omitting directory '/tmp/dd'\n"
               "mv: cannot stat '/nope': No such file or directory\n"),
])
def test_it_copies_and_moves(flavour, stderr):
    host = FakeHost()
    script = ("echo x > /tmp/s; cp /tmp/s /tmp/c; cp /nope /tmp/z; mkdir /tmp/dd; cp /tmp/dd /tmp/ee; "
              "cp -r /tmp/dd /tmp/ee; mv /tmp/c /tmp/dd; ls /tmp/dd; mv /nope /tmp/q; mv /tmp/s /tmp/renamed")
    assert sh(script, flavour, host) == (Exited(0), "c\n", stderr)
    assert host.fs.read("/tmp/renamed") == "x\n" and host.fs.is_dir("/tmp/ee")


def test_it_refuses_to_write_a_read_only_volume():
    from sandbox.sim.fs import FileSystem, Mount, Volume
    fs = FileSystem({}, frozenset({"/tmp"}), mounts={"/etc/config": Mount(Volume.with_files({"a": "1"}), True)})
    assert sh("echo x > /etc/config/a; touch /etc/config/b; cat /etc/config/a", host=FakeHost(fs=fs)) == (
        Exited(0), "1",
        "sh: can't create /etc/config/a: Read-only file system\ntouch: /etc/config/b: Read-only file system\n")


def test_it_names_paths():
    assert sh("basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname c; cd /tmp; touch x; ls; pwd")[1] == (
        "c\n/a/b\n.\nx\n/tmp\n")


def test_it_greps():
    script = ('printf "a\\nb\\nA\\nc\\n" > /tmp/f; grep a /tmp/f; grep -i a /tmp/f; grep -v a /tmp/f; '
              'grep -c . /tmp/f; grep -q b /tmp/f && echo q; grep x /tmp/f; echo $?; grep a /nope; echo $?; '
              'grep -E "a|c" /tmp/f; grep "a\\|c" /tmp/f; grep -n c /tmp/f /tmp/f; grep "^[ab]$" /tmp/f')
    assert sh(script) == (
        Exited(0),
        "a\na\nA\nb\nA\nc\n4\nq\n1\n2\na\nc\na\nc\n/tmp/f:4:c\n/tmp/f:4:c\na\nb\n",
        "grep: /nope: No such file or directory\n")


def test_it_takes_heads_and_tails():
    assert sh("seq 5 | head -2; seq 5 | head -n 3 | tail -1; seq 5 | tail -n +4; head -n 1 /nope; echo $?") == (
        Exited(0), "1\n2\n3\n4\n5\n1\n", "head: can't open '/nope': No such file or directory\n")
    assert sh("head -n 1 /nope", "debian")[2] == "head: cannot open '/nope' for reading: No such file or directory\n"


def test_it_runs_for_ever_with_tail_f():
    host = FakeHost()
    proc = spawn(["tail", "-f", "/dev/null"], {})
    assert run_to_end(proc, host) == Blocked(float("inf"))


def test_it_counts_with_wc():
    script = 'printf "a b\\nc\\n" | wc; printf "a b\\nc\\n" | wc -l; echo x > /tmp/f; wc -c /tmp/f; wc -l /tmp/f /tmp/f'
    assert sh(script)[1] == "      2       3       6\n2\n2 /tmp/f\n      1 /tmp/f\n      1 /tmp/f\n      2 total\n"
    assert sh(script, "debian")[1] == "      2       3       6\n2\n2 /tmp/f\n1 /tmp/f\n1 /tmp/f\n2 total\n"


def test_it_tees_and_counts_sequences():
    host = FakeHost()
    assert sh("echo hi | tee /tmp/t; seq -s, 3; seq 1 2 7; seq -w 8 10", host=host)[1] == (
        "hi\n1,2,3\n1\n3\n5\n7\n08\n09\n10\n")
    assert host.fs.read("/tmp/t") == "hi\n"


def test_it_sorts_cuts_and_translates():
    script = ('printf "b\\na\\nc\\na\\n" | sort; printf "b\\na\\nb\\n" | sort -u; printf "10\\n9\\n" | sort -n; '
              'printf "a\\na\\nb\\n" | uniq -c; echo a:b:c | cut -d: -f2; echo hello | tr a-z A-Z; '
              'echo "a  b" | tr -s " "; echo hello | tr -d l')
    assert sh(script)[1] == "a\na\nb\nc\na\nb\n9\n10\n      2 a\n      1 b\nb\nHELLO\na b\nheo\n"
