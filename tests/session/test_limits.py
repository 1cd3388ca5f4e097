"""Issue 9's limits inside one sandbox (sandbox/sim/limits.py, docs/limits.md): each refuses the
input with a kubectl-like or bash-like error, and the sandbox is left as it was."""
from __future__ import annotations

import json

import pytest

from sandbox import actions
from sandbox.session import MAX_OUTPUT, Session
from sandbox.sim import limits
from sandbox.sim.errors import StatusError


@pytest.fixture
def session() -> Session:
    return Session(seed=1)


def _pods(session: Session) -> list[str]:
    return [p["metadata"]["name"] for p in session.cluster.store.list("pods")]


def _pod(name: str) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
            "spec": {"containers": [{"name": "c", "image": "nginx"}]}}


# -- files -------------------------------------------------------------------------------------------
def test_redirection_past_the_file_size_limit_says_file_too_large(session: Session) -> None:
    session.fs.write("/root/big.txt", "x" * (limits.MAX_FILE_CHARS - 10))
    result = session.execute("echo 0123456789abcdef >> big.txt")
    assert "bash: write error: File too large" in result.stderr
    assert session.fs.read("/root/big.txt") == "x" * (limits.MAX_FILE_CHARS - 10)


def test_a_builtin_whose_write_failed_fails_as_in_bash(session: Session) -> None:
    result = session.execute("printf '%*s' 524288 '' > /tmp/full; echo x >> /tmp/full; echo $?; "
                             "printf y >> /tmp/full || echo failed")
    assert result.stdout == "1\nfailed\n"
    assert result.stderr.count("bash: write error: File too large") == 2


def test_yes_fills_a_file_to_the_limit_then_stops_with_status_1(session: Session) -> None:
    # coreutils' yes writes a buffer of whole lines at a time and exits 1 at a failed write; the
    # simulated one does so too, instead of looping on failing writes until the line limit.
    result = session.execute("yes > /tmp/ys; echo $?; wc -c /tmp/ys; yes | head -c 10000 | wc -c")
    assert result.stdout == "1\n524288 /tmp/ys\n10000\n" and result.waited < 1


def test_editor_save_past_the_file_size_limit_is_refused_and_writes_nothing(session: Session) -> None:
    with pytest.raises(actions.ActionError, match="File too large"):
        actions.save_file(session, "big.yaml", "x" * (limits.MAX_FILE_CHARS + 1))
    assert not session.fs.exists("/root/big.yaml")
    assert actions.save_file(session, "ok.yaml", "x" * limits.MAX_FILE_CHARS) == "/root/ok.yaml"


def test_files_per_sandbox_past_the_quota_say_disk_quota_exceeded(session: Session) -> None:
    fs = session.fs
    for i in range(limits.MAX_FS_ENTRIES - fs._root.entries):
        fs.write(f"/root/f{i}", "")
    result = session.execute("touch one-more; echo x > another")
    assert "touch: cannot touch 'one-more': Disk quota exceeded" in result.stderr
    assert "another: Disk quota exceeded" in result.stderr
    assert not fs.exists("/root/one-more") and not fs.exists("/root/another")
    session.execute("rm f0")
    assert session.execute("touch one-more").exit_code == 0       # room again


def test_total_size_of_files_past_the_quota_says_disk_quota_exceeded(session: Session) -> None:
    chunk = "y" * limits.MAX_FILE_CHARS
    written = 0
    while session.fs._root.chars + len(chunk) <= limits.MAX_FS_CHARS:
        session.fs.write(f"/root/chunk{written}", chunk)
        written += 1
    before = set(session.fs.to_json()["files"])
    result = session.execute("cp chunk0 chunk-copy")
    assert result.stderr.startswith("cp: cannot create regular file ")
    assert result.stderr.endswith("chunk-copy': Disk quota exceeded\n")
    assert set(session.fs.to_json()["files"]) == before


# -- objects -----------------------------------------------------------------------------------------
def test_pods_past_the_sandbox_quota_are_forbidden_in_resourcequotas_words(session: Session) -> None:
    server = session.cluster.api
    for i in range(limits.MAX_OBJECTS["pods"]):
        server.create(_pod(f"p{i}"))
    result = session.execute("kubectl run extra --image=nginx")
    assert result.exit_code == 1
    assert result.stderr == ('Error from server (Forbidden): pods "extra" is forbidden: exceeded quota: '
                             'podlab-sandbox, requested: pods=1, used: pods=100, limited: pods=100\n')
    assert "extra" not in _pods(session) and len(_pods(session)) == 100


def test_namespaces_past_the_sandbox_quota_are_forbidden(session: Session) -> None:
    used = session.cluster.store.count("namespaces")
    for i in range(limits.MAX_OBJECTS["namespaces"] - used):
        assert session.execute(f"kubectl create namespace n{i}").exit_code == 0
    result = session.execute("kubectl create namespace too-many")
    assert result.stderr.startswith('Error from server (Forbidden): namespaces "too-many" is forbidden: '
                                    "exceeded quota: podlab-sandbox, requested: namespaces=1")


# -- manifests ---------------------------------------------------------------------------------------
def test_a_manifest_past_the_api_servers_request_limit_is_refused(session: Session) -> None:
    pod = _pod("big")
    pod["metadata"]["annotations"] = {f"a{i}": "v" * 100_000 for i in range(32)}
    with pytest.raises(StatusError) as caught:
        session.cluster.api.create(pod)
    assert caught.value.code == 413
    assert caught.value.status()["reason"] == "RequestEntityTooLarge"
    assert str(caught.value) == "Request entity too large: limit is 3145728"
    assert _pods(session) == []


BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def test_a_yaml_alias_bomb_is_refused_as_go_yaml_refuses_it(session: Session) -> None:
    session.fs.write("/root/bomb.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n" + BOMB)
    result = session.execute("kubectl apply -f bomb.yaml")
    assert result.stderr == ("error: error parsing bomb.yaml: error converting YAML to JSON: "
                             "yaml: document contains excessive aliasing\n")
    assert _pods(session) == []


def test_a_yaml_anchor_inside_itself_is_refused(session: Session) -> None:
    session.fs.write("/root/loop.yaml", "kind: Pod\nspec: &a {x: *a}\n")
    result = session.execute("kubectl create -f loop.yaml")
    assert "yaml: anchor 'a' value contains itself" in result.stderr


@pytest.mark.parametrize("text", ["a: " + "[" * 5000, "a:\n" + "".join("  " * i + "- \n" for i in range(1, 150))])
def test_yaml_nested_too_deeply_is_refused(session: Session, text: str) -> None:
    session.fs.write("/root/deep.yaml", "kind: Pod\n" + text)
    result = session.execute("kubectl apply -f deep.yaml")
    assert result.stderr.endswith("error converting YAML to JSON: yaml: exceeded max depth of 100\n")
    assert result.exit_code == 1


def test_json_nested_too_deeply_is_refused_by_the_api_server(session: Session) -> None:
    deep: dict = {}
    node = deep
    for _ in range(150):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(StatusError, match="exceeded max depth of 100"):
        session.cluster.api.create({**_pod("deep"), "spec": deep})
    raw = '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"d"},"x":' + "[" * 2000 + "]" * 2000 + "}"
    with pytest.raises(StatusError, match="exceeded max depth of 100") as caught:
        session.cluster.api.create(raw)
    assert caught.value.code == 400 and _pods(session) == []


def test_a_kubeconfig_alias_bomb_does_not_hang_kubectl(session: Session) -> None:
    session.fs.mkdir("/root/.kube", parents=True)
    session.fs.write("/root/.kube/config", BOMB)
    assert session.execute("kubectl get pods").stderr == "No resources found in default namespace.\n"


# -- output and time ---------------------------------------------------------------------------------
def test_output_past_the_limit_is_truncated_with_a_notice(session: Session) -> None:
    result = session.execute("x=$(printf '%0200000d' 0); for i in 1 2 3 4 5 6 7; do echo $x; done; echo after")
    assert len(result.output) < MAX_OUTPUT + 200
    assert result.stderr.endswith("podlab: output truncated: this command printed more than 1 MiB "
                                  "(1048576 characters); the rest of its output is discarded\n")
    assert result.exit_code == 0
    assert session.execute("echo next").output == "next\n"       # the next line starts afresh


def test_lab_advance_past_a_day_is_refused_and_the_clock_stays(session: Session) -> None:
    before = session.now
    result = session.execute("lab advance 100000h")
    assert result.exit_code == 2
    assert result.stderr == ("lab: advance: 100000h is more than one command may advance (24h0m0s); "
                             "advance in steps of a day at most\n")
    assert session.now == before
    assert session.execute("lab advance 100y").stderr == 'lab: time: unknown unit "y" in duration "100y"\n'


def test_the_pages_advance_button_is_capped_at_a_day(session: Session) -> None:
    with pytest.raises(actions.ActionError, match="advance out of range"):
        actions.set_clock(session, {"advance": 24 * 3600 + 1})


def test_limits_survive_a_save(session: Session) -> None:
    session.execute("echo hi > a.txt")
    again = Session.from_json(json.loads(json.dumps(session.to_json())))
    assert again.fs._root.chars == session.fs._root.chars


def test_a_word_that_doubles_without_end_aborts_its_command_instead_of_eating_the_server():
    s = Session(seed=1)
    result = s.execute("x=a; while :; do x=$x$x; done; echo after", limit=20)
    assert result.output == "bash: word too long: 2097152 characters (the limit is 1048576)\n"
    assert result.exit_code == 1 and result.waited < 1
    assert s.execute("echo alive").output == "alive\n"


def test_endless_recursion_stops_at_bashs_function_nesting_limit():
    s = Session(seed=1)
    result = s.execute("f(){ f; }; f; echo after", limit=20)
    assert result.output == "bash: f: maximum function nesting level exceeded (1000)\n"
    assert s.execute("g(){ echo in; }; g").output == "in\n"
