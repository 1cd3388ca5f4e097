"""pflag's parser and cobra's stripFlags, as sandbox/kubectl/flags.py ports them. Error texts are
pflag's (checked through kubectl 1.32.5)."""
from __future__ import annotations

import pytest

from sandbox.kubectl.flags import (FlagError, FlagSet, array_flag, bool_flag, duration_flag, int_flag,
                                   parse_go_int, slice_flag, string_flag, strip_flags)

FLAGS = FlagSet([
    string_flag("output", "", "o"),
    bool_flag("watch", "", "w"),
    bool_flag("all-namespaces", "", "A"),
    int_flag("grace-period", "", default=-1),
    duration_flag("timeout", ""),
    array_flag("env", ""),
    slice_flag("filename", "", "f"),
    string_flag("dry-run", "", default="none", no_opt="unchanged"),
])


def test_it_parses_long_flags_with_and_without_equals():
    p = FLAGS.parse(["--output=yaml", "pods", "--grace-period", "5"])
    assert (p["output"], p["grace-period"], p.args) == ("yaml", 5, ["pods"])
    assert p.changed == {"output", "grace-period"}


def test_it_parses_every_shorthand_form():
    for argv in (["-oyaml"], ["-o=yaml"], ["-o", "yaml"]):
        assert FLAGS.parse(argv)["output"] == "yaml"
    p = FLAGS.parse(["-wA"])
    assert p["watch"] and p["all-namespaces"]
    assert FLAGS.parse(["-Aoname"])["output"] == "name"


def test_it_takes_values_for_bools_only_after_equals():
    p = FLAGS.parse(["--watch", "false"])
    assert p["watch"] is True and p.args == ["false"]
    assert FLAGS.parse(["--watch=false"])["watch"] is False
    assert FLAGS.parse(["-w=0"])["watch"] is False


def test_it_gives_a_bare_optional_flag_its_default():
    assert FLAGS.parse(["--dry-run"])["dry-run"] == "unchanged"
    assert FLAGS.parse(["--dry-run", "client"]).args == ["client"]


def test_it_stops_at_double_dash_and_remembers_where():
    p = FLAGS.parse(["nginx", "-o", "yaml", "--", "sh", "-c", "echo -o"])
    assert (p.args, p.dash_at, p["output"]) == (["nginx", "sh", "-c", "echo -o"], 1, "yaml")
    assert FLAGS.parse(["x"]).dash_at == -1


def test_it_accumulates_arrays_and_splits_slices_as_csv():
    p = FLAGS.parse(["--env=A=1", "--env", "B=2,3", "-f", "a.yaml,b.yaml", "-f", '"c,d.yaml"'])
    assert p["env"] == ["A=1", "B=2,3"]
    assert p["filename"] == ["a.yaml", "b.yaml", "c,d.yaml"]


def test_it_parses_durations_in_seconds():
    assert FLAGS.parse(["--timeout=1m30s"])["timeout"] == 90.0


@pytest.mark.parametrize(("argv", "message"), [
    (["--foo"], "unknown flag: --foo"),
    (["--foo=bar"], "unknown flag: --foo"),
    (["-x"], "unknown shorthand flag: 'x' in -x"),
    (["-wx"], "unknown shorthand flag: 'x' in -x"),
    (["--output"], "flag needs an argument: --output"),
    (["-o"], "flag needs an argument: 'o' in -o"),
    (["---x"], "bad flag syntax: ---x"),
    (["--=x"], "bad flag syntax: --=x"),
    (["--grace-period=abc"], 'invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": '
                             "invalid syntax"),
    (["--grace-period=99999999999999999999"], 'invalid argument "99999999999999999999" for "--grace-period" flag: '
                                              'strconv.ParseInt: parsing "99999999999999999999": value out of range'),
    (["-w=maybe"], 'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid '
                   "syntax"),
    (["--timeout=5"], 'invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"'),
])
def test_it_words_errors_as_pflag(argv, message):
    with pytest.raises(FlagError) as err:
        FLAGS.parse(argv)
    assert str(err.value) == message


def test_it_reads_integers_as_strconv_does():
    assert parse_go_int("0x10") == 16
    assert parse_go_int("010") == 8
    assert parse_go_int("-5") == -5
    with pytest.raises(ValueError):
        parse_go_int("08")


def test_it_strips_flags_to_find_the_command_as_cobra_does():
    assert strip_flags(["-n", "dev", "get", "pods"], FLAGS) == ["get", "pods"]
    assert strip_flags(["-o", "yaml"], FLAGS) == []
    assert strip_flags(["--foo", "get"], FLAGS) == []  # an unknown flag swallows the next word
    assert strip_flags(["-w", "get", "--", "x"], FLAGS) == ["get"]


def test_it_lets_a_command_s_own_flag_shadow_a_global_one():
    from sandbox.kubectl.flags import GLOBAL_FLAGS
    local = string_flag("namespace", "namespace for the context entry in kubeconfig")
    flags = FlagSet([local, *GLOBAL_FLAGS])
    assert flags.lookup("namespace") is local
    assert flags.shorthands.get("n") is None
