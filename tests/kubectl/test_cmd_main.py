"""The entry point: finding the command as cobra does, flag errors, help, unknown and unsupported
commands. All of these were checked with kubectl 1.32.5 directly (they need no server)."""
from __future__ import annotations

import pytest

from sandbox.kubectl.main import suggestions
from tests.kubectl.test_cmd_support import Term


def err(line: str) -> str:
    return Term().kubectl(line).err


def test_it_names_an_unknown_command_and_suggests_like_cobra():
    assert err("gte pods") == 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n'
    assert err("xyzzy") == 'error: unknown command "xyzzy" for "kubectl"\n'
    assert err("rm pod x") == 'error: unknown command "rm" for "kubectl"\n\nDid you mean this?\n\trun\n\tdelete\n\tcp\n'


@pytest.mark.parametrize(("word", "expected"), [
    ("ex", ["expose", "set", "explain", "get", "exec", "cp"]),
    ("de", ["set", "get", "delete", "describe", "cp", "debug"]),
    ("ps", ["get", "cp", "wait"]),
    ("pods", ["logs"]),
    ("lgs", ["logs"]),
])
def test_it_suggests_in_kubectl_s_registration_order(word, expected):
    assert suggestions(word) == expected


def test_it_reports_flag_errors_with_the_usage_hint():
    assert err("get --foo=bar") == "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"
    assert err("get -x") == "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n"
    assert err("get -Ax") == "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n"
    assert err("run x --image") == "error: flag needs an argument: --image\nSee 'kubectl run --help' for usage.\n"
    assert err("get pods -o") == "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"
    assert err("delete --grace-period=abc") == (
        'error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax\n'
        "See 'kubectl delete --help' for usage.\n")
    assert err("get -w=maybe") == (
        'error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid '
        "syntax\nSee 'kubectl get --help' for usage.\n")
    assert err("get ---x") == "error: bad flag syntax: ---x\nSee 'kubectl get --help' for usage.\n"


def test_it_attributes_root_flag_errors_to_kubectl_itself():
    assert err("-n") == "error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n"
    # cobra takes the word after an unknown flag for its value, so no command is found
    assert err("--foo get") == "error: unknown flag: --foo\nSee 'kubectl --help' for usage.\n"


def test_it_finds_the_command_after_global_flags():
    t = Term()
    t.kubectl("run nginx --image=nginx -n kube-system")
    assert t.kubectl("-n kube-system get pods -o name").out == "pod/nginx\n"
    assert t.kubectl("get -n=kube-system pods -o name").out == "pod/nginx\n"
    assert t.kubectl("--namespace kube-system get pods -o name").out == "pod/nginx\n"


def test_it_prints_help_and_exits_zero():
    t = Term()
    r = t.kubectl("version -h")
    assert (r.out, r.code) == ("Print the client and server version information for the current context.\n\n"
                               "Examples:\n  # Print the client and server versions for the current context\n"
                               "  kubectl version\n\nOptions:\n    --client=false:\n"
                               "\tIf true, shows client version only (no server required).\n\n"
                               "    -o, --output='':\n\tOne of 'yaml' or 'json'.\n\n"
                               "Usage:\n  kubectl version [flags] [options]\n\n"
                               'Use "kubectl options" for a list of global command-line options (applies to all '
                               "commands).\n", 0)
    assert t.kubectl("help version").out == r.out
    assert t.kubectl("get --help").out.startswith("Display one or many resources.\n")
    # a bad flag still wins over -h, as in cobra
    assert t.kubectl("run -h --foo").err == "error: unknown flag: --foo\nSee 'kubectl run --help' for usage.\n"


def test_it_prints_the_root_help_for_kubectl_alone():
    out = Term().kubectl("").out
    assert out.startswith("kubectl controls the Kubernetes cluster manager.\n\n"
                          " Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n"
                          "Basic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n"
                          "  run             Run a particular image on the cluster\n\n")
    assert out.endswith('Use "kubectl <command> --help" for more information about a given command.\n'
                        'Use "kubectl options" for a list of global command-line options (applies to all '
                        "commands).\n")
    assert Term().kubectl("-n default").out == out


def test_it_says_plainly_which_kubectl_commands_podlab_does_not_have():
    r = Term().kubectl("scale deploy/web --replicas=3")
    assert r.code == 1
    assert r.err == ('error: "kubectl scale" is not available in Podlab. This sandbox simulates pods, nodes, '
                     'namespaces and events; see "kubectl --help" for the commands it supports\n')


def test_it_lists_the_global_options():
    out = Term().kubectl("options").out
    assert out.startswith("The following options can be passed to any command:\n\n    --cluster='':\n")
    assert "    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n\n" in out
