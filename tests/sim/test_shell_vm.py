"""The shell process on simulated time: sleeping, saving and resuming, signals, traps, jobs."""
from __future__ import annotations

import json
import math

from sandbox.sim.shell import Blocked, Exec, Exited, Process, deliver_signal, run, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end

LIVENESS = "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"


def sh(script: str, **kw) -> Process:
    return spawn(["sh", "-c", script], {"HOME": "/root", "PATH": "/usr/bin:/bin"}, **kw)


def roundtrip(proc: Process) -> Process:
    return Process.from_json(json.loads(json.dumps(proc.to_json())))


def test_it_runs_the_exec_liveness_script_on_simulated_time():
    host = FakeHost()
    proc = spawn(["/bin/sh", "-c", LIVENESS], {})
    assert run(proc, host, 4) == Blocked(34)
    assert host.fs.exists("/tmp/healthy")
    assert run(proc, host, 34) == Blocked(634)
    assert not host.fs.exists("/tmp/healthy")
    # a probe in the same container now fails the way `cat` does
    probe = spawn(["cat", "/tmp/healthy"], {})
    assert run(probe, host, 40) == Exited(1)
    assert host.stderr == "cat: can't open '/tmp/healthy': No such file or directory\n"


def test_it_prints_and_exits():
    host = FakeHost()
    assert run(sh("echo boom; exit 1"), host, 0) == Exited(1)
    assert host.writes == [(0, "stdout", "boom\n")]


def test_it_writes_each_line_at_the_instant_it_is_printed():
    host = FakeHost()
    proc = sh("echo hello; sleep 5; echo bye")
    assert run(proc, host, 10) == Blocked(15)
    assert run(proc, host, 15) == Exited(0)
    assert host.writes == [(10, "stdout", "hello\n"), (15, "stdout", "bye\n")]


def test_it_understands_sleep_durations():
    host = FakeHost()
    assert run(spawn(["sleep", "0.5"], {}), host, 0) == Blocked(0.5)
    assert run(spawn(["sleep", "1m"], {}), host, 0) == Blocked(60)
    assert run(spawn(["sleep", "1h", "30"], {}), host, 0) == Blocked(3630)
    assert run(spawn(["sleep", "infinity"], {}), host, 0) == Blocked(math.inf)
    assert run(sh("sleep 0; echo now"), host, 3) == Exited(0)


def test_it_continues_identically_after_being_saved_mid_loop():
    host_a, host_b = FakeHost(), FakeHost()
    proc = sh('i=0; for n in a b c; do i=$((i+1)); echo "$n $i $(date +%s)"; sleep 10; done; echo end $i')
    assert run(proc, host_a, 0) == Blocked(10)
    saved = json.dumps(proc.to_json())
    copy = Process.from_json(json.loads(saved))
    host_b.writes = list(host_a.writes)
    for t in (10, 20, 30):
        assert run(proc, host_a, t) == run(copy, host_b, t)
    assert host_a.writes == host_b.writes
    assert host_a.stdout == "a 1 1736157600\nb 2 1736157610\nc 3 1736157620\nend 3\n"


def test_it_resumes_inside_functions_subshells_and_command_substitutions():
    host = FakeHost()
    proc = sh('f() { ( sleep 5; echo "in $1" ) > /tmp/out; x=$(sleep 2; echo sub); echo "$x"; }; f one; cat /tmp/out')
    outcome = run(proc, host, 0)
    while isinstance(outcome, Blocked):
        proc = roundtrip(proc)
        outcome = run(proc, host, outcome.until)
    assert outcome == Exited(0)
    assert host.writes == [(7, "stdout", "sub\n"), (7, "stdout", "in one\n")]


def test_it_saves_compact_json_without_the_compiled_program():
    proc = sh(LIVENESS)
    run(proc, FakeHost(), 0)
    data = proc.to_json()
    assert data["sources"] == [LIVENESS]
    assert data["threads"][0]["wake"] == 30
    assert len(json.dumps(data)) < 1500
    infinite = spawn(["sleep", "infinity"], {})
    run(infinite, FakeHost(), 0)
    assert json.dumps(infinite.to_json())  # no bare Infinity in the JSON
    assert roundtrip(infinite).threads[0].wake == math.inf


def test_it_ignores_sigterm_as_pid_1_without_a_trap():
    host = FakeHost()
    proc = sh("sleep 600")
    run(proc, host, 0)
    assert deliver_signal(proc, host, 5, "SIGTERM") is None
    assert deliver_signal(proc, host, 5, "SIGINT") is None
    assert deliver_signal(proc, host, 35, "SIGKILL") == Exited(137)


def test_it_dies_of_sigterm_when_not_pid_1():
    host = FakeHost()
    proc = sh("sleep 600", pid=42)
    run(proc, host, 0)
    assert deliver_signal(proc, host, 5, "TERM") == Exited(143)
    again = sh("sleep 600", pid=42)
    run(again, host, 0)
    assert deliver_signal(again, host, 5, "SIGINT") == Exited(130)


def test_it_runs_a_trap_and_exits_when_the_handler_exits():
    host = FakeHost()
    proc = sh("trap 'echo graceful shutdown; exit 0' TERM; echo started; sleep 600")
    assert run(proc, host, 0) == Blocked(600)
    assert deliver_signal(proc, host, 12, "SIGTERM") == Exited(0)
    assert host.writes == [(0, "stdout", "started\n"), (12, "stdout", "graceful shutdown\n")]


def test_it_continues_after_the_interrupted_command_when_the_handler_returns():
    host = FakeHost()
    proc = sh('trap "echo caught" TERM; sleep 600; echo "sleep said $?"; sleep 5; echo end')
    run(proc, host, 0)
    assert deliver_signal(proc, host, 3, "SIGTERM") == Blocked(8)
    assert run(proc, host, 8) == Exited(0)
    assert host.stdout == "caught\nsleep said 143\nend\n"


def test_it_handles_trap_reset_ignore_and_exit_traps():
    host = FakeHost()
    ignoring = sh("trap '' TERM; sleep 600", pid=9)
    run(ignoring, host, 0)
    assert deliver_signal(ignoring, host, 1, "TERM") is None
    resetting = sh("trap 'echo x' TERM; trap - TERM; sleep 600", pid=9)
    run(resetting, host, 0)
    assert deliver_signal(resetting, host, 1, "TERM") == Exited(143)
    exiting = sh('trap "echo cleanup" EXIT; trap "exit 3" SIGTERM; sleep 600 & wait')
    run(exiting, host, 0)
    assert deliver_signal(exiting, host, 2, "SIGTERM") == Exited(3)
    assert host.stdout == "cleanup\n"


def test_it_runs_the_exit_trap_on_a_normal_end_and_keeps_the_status():
    host = FakeHost()
    assert run(sh("trap 'echo bye' EXIT; echo main; false"), host, 0) == Exited(1)
    assert host.stdout == "main\nbye\n"


def test_it_keeps_a_busy_loop_from_hogging_the_cpu():
    host = FakeHost()
    proc = sh("i=0; while true; do i=$((i+1)); done")
    assert run(proc, host, 0) == Blocked(1.0)
    saved = roundtrip(proc)
    assert run(proc, host, 1.0) == Blocked(2.0)
    assert run(saved, host, 1.0) == Blocked(2.0)
    assert saved.to_json() == proc.to_json()


def test_it_parks_a_busy_loop_that_can_never_end_as_busy_for_ever():
    host = FakeHost()
    proc = sh("while true; do :; done", pid=5)
    first = run(proc, host, 0)
    assert first == Blocked(1.0) and first.busy         # the first slice started outside the loop
    saved = roundtrip(proc)
    parked = run(proc, host, 1.0)
    assert parked == Blocked(math.inf) and parked.busy   # running for ever, at no further cost
    assert run(saved, host, 1.0) == Blocked(math.inf)
    assert saved.to_json() == proc.to_json()
    assert deliver_signal(proc, host, 500, "SIGTERM") == Exited(143)


def test_it_counts_loop_iterations_across_budget_slices():
    host = FakeHost()
    proc = sh("i=0; while [ $i -lt 2500 ]; do i=$((i+1)); done; echo $i")
    assert run_to_end(proc, host) == Exited(0)
    assert host.writes[-1][2] == "2500\n" and host.writes[-1][0] > 0   # the budget let a second pass


def test_it_returns_127_for_commands_that_do_not_exist():
    host = FakeHost()
    assert run(sh("nosuch; echo $?"), host, 0) == Exited(0)
    assert host.text() == "sh: nosuch: not found\n127\n"
    assert run(sh("exit 300"), host, 0) == Exited(44)


def test_it_hands_image_programs_to_the_caller_as_exec():
    host = FakeHost(programs={"nginx", "/agnhost"})
    assert run(sh("echo starting; exec nginx -g 'daemon off;'"), host, 0) == Exec(["nginx", "-g", "daemon off;"])
    assert run(sh("nginx -g 'daemon off;'; echo never"), host, 0) == Exec(["nginx", "-g", "daemon off;"])
    assert run(spawn(["/agnhost", "liveness"], {}), host, 0) == Exec(["/agnhost", "liveness"])
    assert "never" not in host.stdout


def test_it_respects_which_utilities_the_image_has():
    host = FakeHost()
    no_curl = frozenset({"sh", "sleep", "cat", "wget"})
    assert run(sh("curl -s http://x; echo $?", programs=no_curl), host, 0) == Exited(0)
    assert host.text() == "sh: curl: not found\n127\n"
    # shell builtins are always there
    host = FakeHost()
    assert run(sh("echo hi; [ 1 = 1 ] && printf ok", programs=frozenset()), host, 0) == Exited(0)
    assert host.stdout == "hi\nok"


def test_it_exits_at_once_when_sh_has_no_script():
    assert run(spawn(["sh"], {}), FakeHost(), 0) == Exited(0)
    host = FakeHost()
    assert run(spawn(["sh"], {}, stdin="echo from stdin\n"), host, 0) == Exited(0)
    assert host.stdout == "from stdin\n"


def test_it_runs_a_script_file_with_arguments():
    host = FakeHost()
    host.fs.write("/tmp/start.sh", 'echo "args: $0 $1"\nmissing\n')
    assert run(spawn(["sh", "/tmp/start.sh", "one"], {}), host, 0) == Exited(127)
    assert host.text() == "args: /tmp/start.sh one\n/tmp/start.sh: line 2: missing: not found\n"
    host = FakeHost()
    assert run(spawn(["sh", "/tmp/none.sh"], {}), host, 0) == Exited(127)
    assert host.stderr == "sh: can't open '/tmp/none.sh': No such file or directory\n"


def test_it_waits_for_background_jobs():
    host = FakeHost()
    proc = sh("(sleep 3; echo job) & echo started $!; wait; echo all done")
    assert run(proc, host, 0) == Blocked(3)
    assert run(roundtrip(proc), host, 3) == Exited(0)
    assert host.writes == [(0, "stdout", "started 2\n"), (3, "stdout", "job\n"), (3, "stdout", "all done\n")]


def test_it_keeps_the_main_script_running_while_a_job_sleeps():
    host = FakeHost()
    proc = sh("while true; do echo tick; sleep 2; done & sleep 5; echo main done")
    assert run_to_end(proc, host) == Exited(0)
    assert host.writes == [(0, "stdout", "tick\n"), (2, "stdout", "tick\n"), (4, "stdout", "tick\n"),
                           (5, "stdout", "main done\n")]


def test_it_runs_pipeline_stages_one_after_another():
    host = FakeHost()
    proc = sh("echo a; (sleep 2; echo b) | tr a-z A-Z; echo c")
    assert run(proc, host, 0) == Blocked(2)
    assert run(proc, host, 2) == Exited(0)
    assert host.writes == [(0, "stdout", "a\n"), (2, "stdout", "B\n"), (2, "stdout", "c\n")]


def test_it_runs_pipeline_stages_in_subshells():
    host = FakeHost()
    assert run(sh("x=1; echo 2 | read x; echo $x; echo hi | cat | wc -c"), host, 0) == Exited(0)
    assert host.stdout == "1\n3\n"


def test_it_signals_itself_with_kill():
    host = FakeHost()
    assert run(sh("kill -TERM $$; echo after", pid=5), host, 0) == Exited(143)
    host = FakeHost()
    assert run(sh('trap "echo usr1" USR1; kill -USR1 $$; echo after', pid=5), host, 0) == Exited(0)
    assert host.stdout == "usr1\nafter\n"


def test_it_kills_its_own_jobs_and_other_processes():
    host = FakeHost(procs=[(1, ["nginx"]), (7, ["sh"])])
    proc = sh("sleep 100 & kill $!; wait $!; echo job $?; kill -9 1; kill -s TERM 1; kill 99", pid=7)
    assert run(proc, host, 0) == Exited(1)
    assert host.stdout == "job 143\n"
    assert host.killed == [(1, "SIGKILL", 0), (1, "SIGTERM", 0)]
    assert host.stderr == "sh: can't kill pid 99: No such process\n"


def test_it_stops_on_errors_with_set_e_but_not_in_conditions():
    host = FakeHost()
    assert run(sh("set -e; if false; then :; fi; false || true; ! true; echo still; false; echo no"), host, 0) == Exited(1)
    assert host.stdout == "still\n"
    assert run(spawn(["sh", "-ec", "false; echo no"], {}), FakeHost(), 0) == Exited(1)


def test_it_reports_syntax_errors_and_exits_2():
    host = FakeHost()
    assert run(sh("echo a; fi"), host, 0) == Exited(2)
    assert host.stderr == 'sh: syntax error: unexpected "fi"\n'


def test_it_replaces_itself_with_exec_of_a_utility():
    host = FakeHost()
    proc = sh("echo before; exec sleep 10; echo never")
    assert run(proc, host, 0) == Blocked(10)
    assert run(proc, host, 10) == Exited(0)
    assert host.stdout == "before\n"


SCRIPTS = [
    # a trap, a job, a pipeline stage and a $(...) all sleeping at some point
    'trap "echo exiting" EXIT; for i in 1 2; do echo "$i $(sleep 1; date +%s)"; done | tr 0-9 a-j; '
    '(sleep 3; echo job) & n=0; until [ $n -ge 3 ]; do n=$((n+1)); sleep 2; echo "n=$n" >&2; done; wait',
    'f() { while read -r line; do echo "got $line"; sleep 1; done; }; printf "a\\nb\\n" > /tmp/in; f < /tmp/in 2>&1',
    'x=`echo back`; case $x in b*) sleep 2; echo "$x quoted";; esac; exec sleep 4',
]


def test_it_ends_the_same_when_saved_and_restored_at_every_wake():
    for script in SCRIPTS:
        straight_host, saved_host = FakeHost(), FakeHost()
        straight = run_to_end(sh(script), straight_host)
        proc = sh(script)
        outcome = run(proc, saved_host, 0)
        while isinstance(outcome, Blocked):
            proc = roundtrip(proc)
            outcome = run(proc, saved_host, outcome.until)
        assert outcome == straight
        assert saved_host.writes == straight_host.writes
        assert saved_host.fs.to_json() == straight_host.fs.to_json()


def test_it_runs_the_exec_argument_idiom_and_multi_signal_traps():
    host = FakeHost(programs={"nginx"})
    assert run(spawn(["sh", "-c", 'echo "starting $1"; exec "$@"', "sh", "nginx", "-g", "daemon off;"], {}), host, 0) == (
        Exec(["nginx", "-g", "daemon off;"]))
    assert host.stdout == "starting nginx\n"
    host = FakeHost()
    proc = sh('trap "echo bye" SIGTERM EXIT; sleep 100')
    run(proc, host, 0)
    # the handler runs, the interrupted sleep counts as killed (143), then the EXIT trap runs
    assert deliver_signal(proc, host, 1, "TERM") == Exited(143)
    assert host.writes == [(1, "stdout", "bye\n"), (1, "stdout", "bye\n")]


def test_it_runs_a_trap_after_the_subshell_it_arrived_in():
    # the shell waits for $(...) to finish, then runs its handler (the subshell has no trap)
    host = FakeHost()
    proc = sh('trap "echo handler; exit 5" TERM; x=$(sleep 10; echo sub); echo "x=$x"')
    assert run(proc, host, 0) == Blocked(10)
    assert deliver_signal(proc, host, 2, "TERM") is None
    assert run(roundtrip(proc), host, 10) == Exited(5)
    assert host.writes == [(10, "stdout", "handler\n")]
