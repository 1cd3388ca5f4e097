"""What the fuzz tests found, kept as plain examples: each input once crashed kubectl or the API
server (an internal error, a TypeError) or gave a wrong answer."""
from __future__ import annotations

import pytest

from sandbox.session import Session
from sandbox.sim.cluster import Cluster
from sandbox.sim.errors import StatusError

POD = "apiVersion: v1\nkind: Pod\nmetadata:{meta}\nspec:\n  containers:\n  - name: box\n    image: busybox:1.36\n"


def _session(**files: str) -> Session:
    session = Session(seed=1)
    for name, text in files.items():
        session.fs.write(f"/root/{name}", text)
    return session


def test_the_api_server_refuses_a_kind_that_is_not_a_string_with_a_status() -> None:
    with pytest.raises(StatusError) as caught:
        Cluster.default(1).api.create({"apiVersion": "v1", "kind": [], "metadata": {"name": "x"}})
    assert caught.value.code == 400


@pytest.mark.parametrize("verb", ["create", "apply", "describe"])
def test_it_refuses_metadata_that_is_not_an_object_in_the_servers_words(verb: str) -> None:
    session = _session(**{"m.yaml": POD.format(meta=" box")})
    result = session.execute(f"kubectl {verb} -f m.yaml")
    assert (result.exit_code, result.output) == (1, 'Error from server (BadRequest): Pod in version "v1" cannot be '
                                                 "handled as a Pod: json: cannot unmarshal string into Go struct "
                                                 "field Pod.metadata of type v1.ObjectMeta\n")
    assert session.cluster.store.count("pods") == 0


def test_it_refuses_labels_that_are_not_an_object() -> None:
    session = _session(**{"m.yaml": POD.format(meta="\n  name: box\n  labels: [a]")})
    assert "cannot unmarshal array into Go struct field ObjectMeta.metadata.labels" in \
        session.execute("kubectl apply -f m.yaml").output


def test_a_selector_skips_an_object_whose_metadata_is_not_an_object() -> None:
    session = _session(**{"m.yaml": POD.format(meta=" box")})
    result = session.execute("kubectl get -f m.yaml -l app=web")
    assert (result.exit_code, result.output) == (0, "No resources found in default namespace.\n")


def test_describe_f_describes_the_live_object_by_name() -> None:
    # describe.go describes info.Name from the server, not the file's text: a pod that is not
    # there is NotFound, one that is shows its node and status.
    session = _session(**{"p.yaml": POD.format(meta="\n  name: box")})
    missing = session.execute("kubectl describe -f p.yaml")
    assert (missing.exit_code, missing.output) == (1, 'Error from server (NotFound): pods "box" not found\n')
    session.execute("kubectl apply -f p.yaml")
    session.execute("lab advance 10s")
    described = session.execute("kubectl describe -f p.yaml").output
    assert "Namespace:        default" in described and "Status:           Running" in described


@pytest.mark.parametrize("value, go", [(".inf", "+Inf"), ("-.inf", "-Inf"), (".nan", "NaN")])
def test_it_refuses_yaml_infinity_and_nan_as_kubectl_does(value: str, go: str) -> None:
    # sigs.k8s.io/yaml converts YAML to JSON with json.Marshal, which has no infinity or NaN
    session = _session(**{"m.yaml": POD.format(meta=f"\n  name: box\n  labels: {{a: {value}}}")})
    result = session.execute("kubectl apply -f m.yaml")
    assert (result.exit_code, result.output) == (
        1, f"error: error parsing m.yaml: error converting YAML to JSON: json: unsupported value: {go}\n")


def test_it_refuses_a_json_number_beyond_float64_as_kubectl_does() -> None:
    session = _session(**{"m.json": '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, '
                                    '"spec": {"terminationGracePeriodSeconds": -1e400}}'})
    result = session.execute("kubectl create -f m.json")
    assert (result.exit_code, result.output) == (
        1, "error: error parsing m.json: json: cannot unmarshal number -1e400 into Go value of type float64\n")


def test_a_lone_surrogate_in_a_json_manifest_becomes_a_replacement_character() -> None:
    # encoding/json decodes an unpaired "\ud800" as U+FFFD; Python keeps a surrogate no UTF-8 holds
    session = _session(**{"m.json": '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x", '
                                    '"annotations": {"a": "\\ud800"}}, "spec": {"containers": '
                                    '[{"name": "a", "image": "nginx"}]}}'})
    assert session.execute("kubectl apply -f m.json").exit_code == 0
    assert session.execute("kubectl get pod x -o jsonpath={.metadata.annotations.a}").output == "\ufffd"


def test_a_yaml_printer_that_cannot_write_a_value_says_so_and_exits_1() -> None:
    # sigs.k8s.io/yaml reads the JSON back with go-yaml, which refuses DEL (U+007F); kubectl prints
    # the printer's error (make fuzz found it raising out of kubectl instead)
    from sandbox.kubectl.context import Kube
    from sandbox.kubectl.main import run

    session = Session(seed=1)
    printed: list[str] = []
    k = Kube(cluster=session.cluster, fs=session.fs, cwd="/root", stdin="", out=printed.append,
             err=printed.append, namespace="default", env={"HOME": "/root"})
    status = run(k, ["run", "\x7f", "--image=busybox:1.36", "--restart=Never", "--dry-run=client", "-o", "yaml"])
    assert (status, printed) == (1, ["error: yaml: control characters are not allowed\n"])


@pytest.mark.django_db
def test_a_yaml_request_body_that_is_not_utf8_is_answered_not_a_500() -> None:
    # make fuzz: POST application/yaml with the single byte 0x80 was a UnicodeDecodeError (500);
    # go-yaml passes such bytes through and Go's JSON encoder writes U+FFFD: not an object -> 400
    from django.test import Client

    from sandbox.sandboxes import create_sandbox

    row = create_sandbox(seed=1)
    response = Client().post(f"/k8s/{row.token}/api/v1/namespaces", data=b"\x80",
                             content_type="application/yaml")
    assert response.status_code == 400, response.content
    assert response.json()["kind"] == "Status"
