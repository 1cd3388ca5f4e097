"""version, api-resources, api-versions, cluster-info and config: compared with kubectl 1.32.5
(config and version --client offline, the rest against the simulated cluster served over HTTP)."""
from __future__ import annotations

from sandbox.kubectl.cmd.kubeconfig import DEFAULT_SERVER
from tests.kubectl.test_cmd_support import Term

KUBECONFIG = """\
apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: Q0E=
    server: https://172.18.0.4:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
"""


def with_kubeconfig() -> Term:
    t = Term()
    t.fs.mkdir("/root/.kube")
    t.write("/root/.kube/config", KUBECONFIG)
    return t


def test_it_prints_client_and_server_versions():
    t = Term()
    assert t.kubectl("version").out == "Client Version: v1.32.5\nKustomize Version: v5.5.0\nServer Version: v1.32.5\n"
    assert t.kubectl("version --client").out == "Client Version: v1.32.5\nKustomize Version: v5.5.0\n"
    assert t.kubectl("version --client -o json").out == (
        '{\n  "clientVersion": {\n    "major": "1",\n    "minor": "32",\n    "gitVersion": "v1.32.5",\n'
        '    "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1",\n    "gitTreeState": "clean",\n'
        '    "buildDate": "2025-05-15T09:12:10Z",\n    "goVersion": "go1.23.8",\n    "compiler": "gc",\n'
        '    "platform": "linux/amd64"\n  },\n  "kustomizeVersion": "v5.5.0"\n}\n')
    assert t.kubectl("version --client -o yaml").out.endswith("  platform: linux/amd64\nkustomizeVersion: v5.5.0\n\n")
    assert t.kubectl("version -o foo").err == "error: --output must be 'yaml' or 'json'\n"
    assert t.kubectl("version x").err == "error: extra arguments: [x]\n"


def test_it_lists_the_resources_podlab_serves():
    t = Term()
    assert t.kubectl("api-resources").out == (
        "NAME         SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
        "events       ev           v1           true         Event\n"
        "namespaces   ns           v1           false        Namespace\n"
        "nodes        no           v1           false        Node\n"
        "pods         po           v1           true         Pod\n")
    assert t.kubectl("api-resources -o wide").out.splitlines()[4] == (
        "pods         po           v1           true         Pod         "
        "create,delete,deletecollection,get,list,patch,update,watch   all")
    assert t.kubectl("api-resources -o name --namespaced=false").out == "namespaces\nnodes\n"
    assert t.kubectl("api-resources --api-group=apps").out == "NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
    assert t.kubectl("api-resources -o yaml").err == "error: --output yaml is not available\n"
    assert t.kubectl("api-resources --sort-by=foo").err == "error: --sort-by accepts only name or kind\n"
    assert t.kubectl("api-versions").out == "v1\n"


def test_it_gives_the_control_plane_address_in_plain_text():
    assert Term().kubectl("cluster-info").out == (
        f"Kubernetes control plane is running at {DEFAULT_SERVER}\n"
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")


def test_it_views_the_kubeconfig_with_secrets_hidden():
    t = with_kubeconfig()
    assert t.kubectl("config view").out == KUBECONFIG.replace("Q0E=", "DATA+OMITTED").replace(
        "Q0VSVA==", "DATA+OMITTED").replace("S0VZ", "DATA+OMITTED")
    assert t.kubectl("config view --raw").out == KUBECONFIG
    assert t.kubectl("config view -o jsonpath='{.contexts[*].name}'").out == "kubernetes-admin@kubernetes"
    assert t.kubectl("config view -o json").out.startswith('{\n    "kind": "Config",\n    "apiVersion": "v1",\n'
                                                           '    "preferences": {},\n    "clusters": [\n')


def test_it_shows_and_switches_contexts():
    t = with_kubeconfig()
    assert t.kubectl("config current-context").out == "kubernetes-admin@kubernetes\n"
    assert t.kubectl("config get-contexts").out == (
        "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n"
        "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n")
    assert t.kubectl("config set-context --current --namespace=dev").out == (
        'Context "kubernetes-admin@kubernetes" modified.\n')
    assert "    namespace: dev\n" in t.fs.read("/root/.kube/config")
    assert t.kubectl("config set-context other --cluster=kubernetes").out == 'Context "other" created.\n'
    assert t.kubectl("config use-context other").out == 'Switched to context "other".\n'
    assert t.kubectl("config use-context nope").err == 'error: no context exists with the name: "nope"\n'
    assert t.kubectl("config get-contexts nope").err == "error: context nope not found\n"
    assert t.kubectl("config set-context").err == "error: you must specify a non-empty context name or --current\n"


def test_it_checks_the_global_context_cluster_and_user_flags():
    t = with_kubeconfig()
    assert t.kubectl("get pods --context=foo").err == (
        "Error in configuration: context was not found for specified context: foo\n")
    assert t.kubectl("get pods --cluster=foo").err == 'error: no server found for cluster "foo"\n'
    assert t.kubectl("get pods --user=foo").err == 'error: auth info "foo" does not exist\n'


def test_it_prints_config_help_on_standard_error_without_a_subcommand():
    r = Term().kubectl("config")
    assert r.code == 1 and r.out == ""
    assert r.err.startswith('Modify kubeconfig files using subcommands like "kubectl config set current-context '
                            'my-context".\n')
    assert Term().kubectl("config foo").err == ('error: unknown command "foo"\n'
                                                "See 'kubectl config -h' for help and examples\n")
