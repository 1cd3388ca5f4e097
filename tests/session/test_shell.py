"""The learner's shell: a bash-like interactive shell on the control-plane host, one line at a time."""
from __future__ import annotations

import pytest

from sandbox.session import Session


@pytest.fixture
def sh():
    session = Session(1, screen=False)

    def run(line: str):
        return session.execute(line)
    run.session = session
    return run


def test_it_answers_an_unknown_command_as_bash_does(sh):
    r = sh("nosuchcommand")
    assert (r.output, r.stderr, r.exit_code) == ("bash: nosuchcommand: command not found\n",) * 2 + (127,)
    assert sh("echo $?").output == "127\n"


def test_it_keeps_variables_functions_cwd_and_status_between_lines(sh):
    sh("greeting=hello; export NAME=pod")
    sh("say() { echo \"$greeting $1\"; }")
    sh("mkdir -p work && cd work")
    assert sh("say $NAME; pwd").output == "hello pod\n/root/work\n"
    sh("false")
    assert sh("echo $?").output == "1\n"


def test_it_starts_in_an_empty_home_on_the_control_plane(sh):
    assert sh("pwd; echo $HOME $USER $HOSTNAME; hostname; ls").output == \
        "/root\n/root root controlplane\ncontrolplane\n"
    assert sh("echo $KUBECONFIG; grep -c current-context $KUBECONFIG").output == \
        "/etc/kubernetes/admin.conf\n1\n"


def test_it_writes_files_with_heredocs_and_reads_them_back_through_pipes(sh):
    r = sh("cat <<EOF > pod.yaml\nkind: Pod\nmetadata:\n  name: $HOSTNAME\nEOF")
    assert (r.output, r.exit_code) == ("", 0)
    assert sh("cat pod.yaml").output == "kind: Pod\nmetadata:\n  name: controlplane\n"
    assert sh("cat <<'EOF' | grep -c '\\$'\n$HOME $PATH\nEOF").output == "1\n"
    assert sh("cat pod.yaml | grep -E 'kind|name' | wc -l").output == "2\n"
    assert sh("grep -v kind pod.yaml | head -1; grep -i KIND pod.yaml").output == "metadata:\nkind: Pod\n"
    assert sh("printf 'b\\na\\nc\\n' | sort | tail -2").output == "b\nc\n"


def test_it_runs_and_or_lists_substitutions_and_redirections(sh):
    assert sh("true && echo yes || echo no; false && echo yes || echo no").output == "yes\nno\n"
    assert sh("echo $(echo inner) >> log; echo again >> log; cat log").output == "inner\nagain\n"
    assert sh("rm log; ls log").output == "ls: cannot access 'log': No such file or directory\n"
    r = sh("cat nothing 2>/dev/null; echo \"status $?\"")
    assert r.output == "status 1\n"


def test_it_interleaves_standard_output_and_error_in_the_order_printed(sh):
    r = sh("echo one; echo two >&2; echo three")
    assert r.output == "one\ntwo\nthree\n"
    assert (r.stdout, r.stderr) == ("one\nthree\n", "two\n")


def test_it_words_syntax_errors_as_interactive_bash(sh):
    r = sh("echo a; fi")
    assert (r.output, r.exit_code) == ("bash: syntax error near unexpected token `fi'\n", 2)
    assert sh("echo $?").output == "2\n"
    assert sh("cd /nowhere").output == "bash: cd: /nowhere: No such file or directory\n"


def test_it_numbers_the_history_as_bash_does(sh):
    sh("echo one")
    sh("cat <<EOF\nbody\nEOF")
    sh("")
    r = sh("history")
    assert r.output == "    1  echo one\n    2  cat <<EOF\nbody\nEOF\n    3  history\n"
    assert sh("history 2").output == "    3  history\n    4  history 2\n"
    assert sh("history -c; history").output == ""
    assert sh.session.history == []
    assert sh("history x").output == "bash: history: x: numeric argument required\n"


def test_it_sleeps_in_simulated_time(sh):
    r = sh("sleep 5; date +%s")
    assert r.waited == 5.0 and sh.session.now == 5.0
    assert int(r.output) == int(sh.session.cluster.epoch) + 5


def test_it_explains_itself(sh):
    r = sh("help")
    assert r.exit_code == 0 and "lab advance DURATION" in r.output and "kubectl" in r.output


def test_it_clears_a_screen_but_prints_nothing_in_a_transcript(sh):
    assert sh("clear").output == ""
    assert Session(1).execute("clear").output == "\x1b[H\x1b[2J\x1b[3J"


def test_it_gives_the_same_output_for_the_same_lines():
    lines = ["x=$(date +%s)", "sleep 3; echo $x; date", "timeout 2 sleep 9; echo $?", "lab next", "history"]
    outputs = []
    for _ in range(2):
        session = Session(3, screen=False)
        outputs.append([session.execute(line).output for line in lines])
    assert outputs[0] == outputs[1]


def test_it_says_where_programs_are(sh):
    assert sh("which kubectl grep").output == "/usr/bin/kubectl\n/usr/bin/grep\n"
    r = sh("which cd nosuch")
    assert (r.output, r.exit_code) == ("", 1)


def test_it_curls_a_pod_from_the_control_plane(sh):
    api = sh.session.cluster.api
    api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
                "spec": {"containers": [{"name": "web", "image": "nginx"}]}})
    sh.session.advance_to(30)
    ip = api.get("pods", "default", "web")["status"]["podIP"]
    assert sh(f"curl -s {ip} | grep title").output == "<title>Welcome to nginx!</title>\n"
    # in a pipe curl's standard output is no terminal: it shows its progress meter on stderr
    r = sh(f"curl {ip}/ | head -1")
    assert r.stdout == "<!DOCTYPE html>\n" and r.stderr.startswith("  % Total    % Received")
    assert sh(f"curl -s {ip}:8080; echo $?").output == "7\n"
