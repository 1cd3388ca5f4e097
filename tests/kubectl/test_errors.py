"""render_error: kubectl's cmdutil.CheckErr, case by case (texts as kubectl 1.32.5 prints them)."""
from __future__ import annotations

from sandbox.kubectl.errors import (Aggregate, CmdError, ExitError, FlagUsageError, RawError, ResourceTypeError,
                                    UsageError, add_source, render_error)
from sandbox.sim import errors as api


def test_it_prefixes_plain_errors_with_error():
    assert render_error(CmdError("must specify one of -f and -k")) == ("error: must specify one of -f and -k\n", 1)
    assert render_error(CmdError("error: already prefixed")) == ("error: already prefixed\n", 1)


def test_it_prints_api_errors_with_their_reason():
    assert render_error(api.not_found("pods", "x")) == ('Error from server (NotFound): pods "x" not found\n', 1)
    assert render_error(api.StatusError(500, "", "boom")) == ("Error from server: boom\n", 1)
    assert render_error(api.StatusError(401, "Unauthorized", "no")) == (
        "error: You must be logged in to the server (no)\n", 1)


def test_it_adds_the_source_file_to_api_and_plain_errors():
    err = add_source("creating", "pod.yaml", api.already_exists("pods", "nginx"))
    assert render_error(err) == ('Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" '
                                 "already exists\n", 1)
    assert str(add_source("creating", "", CmdError("x"))) == "x"


def test_it_prints_one_field_error_on_the_line():
    err = api.invalid_object("Pod", "bad", [api.required("spec.containers[0].image")])
    assert render_error(err) == ('The Pod "bad" is invalid: spec.containers[0].image: Required value\n', 1)


def test_it_prints_several_field_errors_one_per_line_after_a_bare_prefix():
    err = api.invalid_object("Pod", "p", [api.required("spec.containers[0].image"),
                                          api.not_supported("spec.restartPolicy", "Sometimes",
                                                            ["Always", "OnFailure", "Never"]),
                                          api.required("spec.containers[0].image")])
    # the prefix keeps its trailing space; duplicates are dropped (statusCausesToAggrError)
    assert render_error(err) == ('The Pod "p" is invalid: \n'
                                 "* spec.containers[0].image: Required value\n"
                                 '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", '
                                 '"OnFailure", "Never"\n', 1)


def test_it_keeps_the_source_out_of_invalid_errors():
    err = add_source("creating", "pod.yaml", api.invalid_object("Pod", "bad", [api.required("spec.containers")]))
    assert render_error(err) == ('The Pod "bad" is invalid: spec.containers: Required value\n', 1)


def test_it_prints_aggregates_one_per_line_and_plain_ones_without_prefix():
    two = Aggregate([api.not_found("pods", "a"), CmdError("error parsing b.yaml: bad")])
    assert render_error(two) == ('Error from server (NotFound): pods "a" not found\nerror parsing b.yaml: bad\n', 1)
    assert render_error(Aggregate([CmdError("only one")])) == ("error: only one\n", 1)


def test_it_adds_usage_hints():
    assert render_error(UsageError("kubectl run", "NAME is required for run")) == (
        "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n", 1)
    assert render_error(FlagUsageError("kubectl get", "unknown flag: --foo")) == (
        "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", 1)


def test_it_exits_with_the_remote_command_s_status():
    assert render_error(ExitError(137)) == ("command terminated with exit code 137\n", 137)


def test_it_prints_raw_messages_and_resource_type_errors():
    assert render_error(RawError('unknown command "x" for "kubectl"\n\nDid you mean this?\n\tget\n')) == (
        'unknown command "x" for "kubectl"\n\nDid you mean this?\n\tget\n', 1)
    assert render_error(ResourceTypeError("foo")) == ('error: the server doesn\'t have a resource type "foo"\n', 1)
