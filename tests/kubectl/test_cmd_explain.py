"""kubectl explain from the OpenAPI data in kubernetes-validate. kubectl 1.32.5, run against these
same definitions served as OpenAPI v3, printed the same text for 406 paths (pods to depth 3, nodes,
namespaces and events to depth 2); a few are pinned here."""
from __future__ import annotations

from sandbox.kubectl.cmd.explain import wrap
from tests.kubectl.test_cmd_support import Term

PORT = """\
KIND:       Pod
VERSION:    v1

FIELD: port <IntOrString>


DESCRIPTION:
    Name or number of the port to access on the container. Number must be in the
    range 1 to 65535. Name must be an IANA_SVC_NAME.
    

"""


def test_it_explains_the_resource_with_its_fields():
    out = Term().kubectl("explain pods").out
    assert out.startswith("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n"
                          "    Pod is a collection of containers that can run on a host. This resource is\n"
                          "    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n"
                          "    APIVersion defines the versioned schema of this representation of an object.\n")
    assert "  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n" in out
    assert out.endswith("https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"
                        "#spec-and-status\n\n\n")


def test_it_explains_a_field_with_its_type_s_description():
    out = Term().kubectl("explain pods.spec.containers").out
    assert out.startswith("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n\n\nDESCRIPTION:\n"
                          "    List of containers belonging to the pod. Containers cannot currently be\n"
                          "    added or removed. There must be at least one container in a Pod. Cannot be\n"
                          "    updated.\n    A single application container that you want to run within a pod.\n"
                          "    \nFIELDS:\n  args\t<[]string>\n")
    assert "  name\t<string> -required-\n" in out
    assert "  resources\t<ResourceRequirements>\n" in out


def test_it_explains_a_leaf_field():
    assert Term().kubectl("explain po.spec.containers.livenessProbe.httpGet.port").out == PORT


def test_it_lists_fields_recursively():
    out = Term().kubectl("explain pods --recursive").out
    assert "  metadata\t<ObjectMeta>\n    annotations\t<map[string]string>\n" in out
    assert "      fieldsV1\t<FieldsV1>\n" in out
    assert "      apiVersion\t<string> -required-\n" in out


def test_it_reports_unknown_fields_and_types():
    r = Term().kubectl("explain pods.spec.foo")
    assert (r.out, r.err, r.code) == ("KIND:       Pod\nVERSION:    v1\n\n", 'error: field "foo" does not exist\n', 1)
    # kubectl prints the RESTMapper's error here without "error: "
    assert Term().kubectl("explain foo").err == 'the server doesn\'t have a resource type "foo"\n'
    assert Term().kubectl("explain").err == (
        'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list '
        "of supported resources.\n")
    assert Term().kubectl("explain pods x").err == "error: We accept only this format: explain RESOURCE\n"
    assert Term().kubectl("explain pods -o json").err == "error: unrecognized format: json\n"
    assert Term().kubectl("explain pods --api-version=apps/v1").err == (
        'error: couldn\'t find resource for "apps/v1, Resource=pods"\n')


def test_it_wraps_like_go_wordwrap():
    assert wrap("aaa bbb ccc", 7) == "aaa bbb\nccc"
    assert wrap("a\n\nb", 5) == "a\n\nb"
    assert wrap("https://a-very-long-word-that-cannot-break x", 10) == "https://a-very-long-word-that-cannot-break\nx"
