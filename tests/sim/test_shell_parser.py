from __future__ import annotations

import pytest

from sandbox.sim.shell.ast import (
    AndOr, Arith, Assign, BraceGroup, Case, CaseItem, CommandSub, DoubleQuoted, Escaped, For,
    FunctionDef, If, ListItem, Lit, Param, Pipeline, Redirect, Redirected, Script, SimpleCommand,
    SingleQuoted, Subshell, While, Word,
)
from sandbox.sim.shell.parser import ShellSyntaxError, parse


def W(*parts) -> Word:
    return Word(tuple(Lit(p) if isinstance(p, str) else p for p in parts))


def cmd(*words, assigns=(), redirects=()) -> SimpleCommand:
    return SimpleCommand(tuple(assigns), tuple(W(w) if isinstance(w, str) else w for w in words), tuple(redirects))


def one(command, background=False) -> Script:
    return Script((ListItem(AndOr(Pipeline((command,))), background),))


def only(source: str):
    """The single command of a one-command script."""
    script = parse(source)
    assert len(script.items) == 1
    return script.items[0].command.first.commands[0]


def test_it_parses_a_list_of_simple_commands():
    assert parse("touch /tmp/healthy; sleep 30\nrm -f /tmp/healthy") == Script((
        ListItem(AndOr(Pipeline((cmd("touch", "/tmp/healthy"),)))),
        ListItem(AndOr(Pipeline((cmd("sleep", "30"),)))),
        ListItem(AndOr(Pipeline((cmd("rm", "-f", "/tmp/healthy"),)))),
    ))


def test_it_keeps_the_quoting_of_words():
    assert only("""echo 'a b' "x $HOME ${V:-d e}" \\* it\\'s""") == cmd(
        "echo",
        W(SingleQuoted("a b")),
        W(DoubleQuoted((Lit("x "), Param("HOME"), Lit(" "), Param("V", "-", W("d e"), colon=True)))),
        W(Escaped("*")),
        W("it", Escaped("'"), "s"),
    )


def test_it_parses_nested_quoting_inside_command_substitution():
    word = only('echo "$(echo "in ner" | tr a-z A-Z)"').words[1]
    (dq,) = word.parts
    (sub,) = dq.parts
    assert isinstance(sub, CommandSub)
    assert sub.body.items[0].command.first.commands == (
        cmd("echo", W(DoubleQuoted((Lit("in ner"),)))), cmd("tr", "a-z", "A-Z"))


def test_it_parses_backquotes_and_arithmetic():
    words = only("echo `date +%s` $((i + 1))").words
    assert words[1].parts[0].backquoted and words[1].parts[0].body == one(cmd("date", "+%s"))
    assert words[2] == W(Arith(W("i + 1")))


def test_it_parses_special_parameters_and_pattern_removal():
    assert only("echo $? $$ $# $@ $* $0 $1 ${#X} ${X##*/} ${X%.txt}").words[1:] == (
        W(Param("?")), W(Param("$")), W(Param("#")), W(Param("@")), W(Param("*")), W(Param("0")),
        W(Param("1")), W(Param("X", "len")), W(Param("X", "##", W("*/"))), W(Param("X", "%", W(".txt"))))


def test_it_parses_and_or_pipelines_negation_and_background():
    script = parse("! grep -q x f && echo yes || echo no; sleep 5 & cat | wc -l")
    first, second, third = script.items
    assert first.command == AndOr(Pipeline((cmd("grep", "-q", "x", "f"),), negated=True),
                                  (("&&", Pipeline((cmd("echo", "yes"),))), ("||", Pipeline((cmd("echo", "no"),)))))
    assert second == ListItem(AndOr(Pipeline((cmd("sleep", "5"),))), background=True)
    assert third.command.first.commands == (cmd("cat"), cmd("wc", "-l"))


def test_it_parses_redirections():
    assert only("cmd >out 2>>err <in 2>&1 >&2 &>all 3<>rw").redirects == (
        Redirect(">", W("out")), Redirect(">>", W("err"), 2), Redirect("<", W("in")),
        Redirect(">&", W("1"), 2), Redirect(">&", W("2")), Redirect("&>", W("all")), Redirect("<>", W("rw"), 3))


def test_it_reads_here_documents_from_the_following_lines():
    script = parse("cat <<EOF; echo after\nhello $USER\n  indented\nEOF\necho done")
    heredoc = script.items[0].command.first.commands[0].redirects[0]
    assert heredoc == Redirect("<<", W(DoubleQuoted((Lit("hello "), Param("USER"), Lit("\n  indented\n")))))
    assert script.items[1].command.first.commands[0] == cmd("echo", "after")
    assert script.items[2].command.first.commands[0] == cmd("echo", "done")


def test_it_keeps_quoted_here_documents_literal_and_strips_tabs_with_dash():
    assert only("cat <<'EOF'\n$HOME `x`\nEOF").redirects[0] == Redirect("<<", W(SingleQuoted("$HOME `x`\n")))
    assert only("cat <<-EOF\n\t\tline\n\tEOF").redirects[0] == Redirect("<<-", W(DoubleQuoted((Lit("line\n"),))))


def test_it_reads_two_here_documents_on_one_line():
    script = parse("cat <<A <<B\none\nA\ntwo\nB\necho end")
    redirects = script.items[0].command.first.commands[0].redirects
    assert [r.target for r in redirects] == [W(DoubleQuoted((Lit("one\n"),))), W(DoubleQuoted((Lit("two\n"),)))]
    assert script.items[1].command.first.commands[0] == cmd("echo", "end")


def test_it_parses_here_strings_and_assignments():
    assert only("A=1 B='x y' read v <<< \"$A\"") == cmd(
        "read", "v", assigns=(Assign("A", W("1")), Assign("B", W(SingleQuoted("x y")))),
        redirects=(Redirect("<<<", W(DoubleQuoted((Param("A"),)))),))
    assert only("X=") == SimpleCommand((Assign("X", W()),))


def test_it_parses_if_elif_else():
    assert only("if a; then b; elif c; then d; else e; fi") == If(
        ((one(cmd("a")), one(cmd("b"))), (one(cmd("c")), one(cmd("d")))), one(cmd("e")))


def test_it_parses_loops():
    assert only("while true; do sleep 1; done") == While(one(cmd("true")), one(cmd("sleep", "1")))
    assert only("until false\ndo :\ndone").until
    assert only("for i in 1 2 3; do echo $i; done") == For("i", (W("1"), W("2"), W("3")), one(cmd("echo", W(Param("i")))))
    assert only("for a; do :; done") == For("a", None, one(cmd(":")))


def test_it_parses_case():
    assert only("case $x in\n  a|b) echo ab;;\n  (*) echo other\nesac") == Case(
        W(Param("x")), (CaseItem((W("a"), W("b")), one(cmd("echo", "ab"))), CaseItem((W("*"),), one(cmd("echo", "other")))))


def test_it_parses_groups_subshells_functions_and_compound_redirections():
    assert only("{ a; b; }") == BraceGroup(Script((ListItem(AndOr(Pipeline((cmd("a"),)))), ListItem(AndOr(Pipeline((cmd("b"),)))))))
    assert only("(cd /tmp; ls)").__class__ is Subshell
    assert only("greet() { echo hi; }") == FunctionDef("greet", BraceGroup(one(cmd("echo", "hi"))))
    assert only("function f { :; }") == FunctionDef("f", BraceGroup(one(cmd(":"))))
    assert only("while read l; do echo $l; done < f") == Redirected(
        While(one(cmd("read", "l")), one(cmd("echo", W(Param("l"))))), (Redirect("<", W("f")),))


def test_it_skips_comments_and_line_continuations():
    assert parse("echo a # comment\n# whole line\necho \\\n b") == Script((
        ListItem(AndOr(Pipeline((cmd("echo", "a"),)))), ListItem(AndOr(Pipeline((cmd("echo", "b"),))))))


def test_it_does_not_treat_quoted_keywords_as_keywords():
    assert only("echo if then 'fi'") == cmd("echo", "if", "then", W(SingleQuoted("fi")))


def test_it_decodes_ansi_c_quotes():
    assert only("echo $'a\\tb\\n'").words[1] == W(SingleQuoted("a\tb\n"))


@pytest.mark.parametrize(("source", "token", "expecting", "line"), [
    ("fi", '"fi"', None, 1),
    ("if true; fi", '"fi"', '"then"', 1),
    ("if true; then\necho x", "end of file", '"fi"', 2),
    ("while true; do :; fi", '"fi"', '"done"', 1),
    ("echo )", '")"', None, 1),
    ("echo a;;", '";;"', None, 1),
    ("echo $(ls", "end of file", '")"', 1),
    ("case x in a) :; fi", '"fi"', None, 1),
    ("echo >", "end of file", None, 1),
    ("| wc", '"|"', None, 1),
])
def test_it_names_the_unexpected_token(source, token, expecting, line):
    with pytest.raises(ShellSyntaxError) as info:
        parse(source)
    assert (info.value.token, info.value.expecting, info.value.line) == (token, expecting, line)


def test_it_reports_unterminated_quotes():
    with pytest.raises(ShellSyntaxError) as info:
        parse("echo 'abc")
    assert info.value.message == "unterminated quoted string"
