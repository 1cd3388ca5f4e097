"""The lesson loader: lesson.yaml -> lessons.schema.model, and every problem named by file and line.

The good fixture (tests/lessons/fixtures/good) uses every part of the grammar; each error test
writes a small lesson.yaml and pins the exact ``file:line: step "id": field: message`` line an
instructor would read, because those lines are the loader's user interface.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lessons.schema.errors import LessonErrors
from lessons.schema.loader import load_all, load_lesson, parse_check
from lessons.schema.model import (AnyOf, Check, CommandCheck, EventCheck, Fault, FileCheck, HistoryCheck, Not,
                                  ObjectCheck, SetupFile, Target, Text, ValueTest)
from lessons.schema.values import parse_duration, parse_field_path

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"

# A one-step lesson whose first check starts on line 10 (the error tests below count from there).
HEAD = """\
order: 1
minutes: 5
title: {ko: 제목, en: Title}
summary: {ko: 요약, en: Summary}
steps:
  - id: run
    title: {ko: 실행, en: Run}
    text: {ko: 본문, en: Body}
    checks:
"""
MESSAGE = "message: {ko: 아직, en: Not yet}"


def errors_of(tmp_path: Path, source: str, files: dict[str, str] | None = None) -> list[str]:
    folder = tmp_path / "01-x"
    folder.mkdir()
    (folder / "lesson.yaml").write_text(source, encoding="utf-8")
    for name, content in (files or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    lessons, errors = load_all(tmp_path, base=tmp_path)
    assert not lessons, "a lesson with problems must not be returned"
    return [str(error) for error in errors]


def check_errors(tmp_path: Path, checks: str) -> list[str]:
    return errors_of(tmp_path, HEAD + textwrap.indent(textwrap.dedent(checks), "      "))


# -- the good lesson ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lesson():
    return load_lesson(GOOD / "01-first-pod", base=FIXTURES)


def test_it_loads_the_lesson_level_fields(lesson):
    assert (lesson.slug, lesson.order, lesson.minutes) == ("01-first-pod", 1, 15)
    assert lesson.title == Text(ko="첫 번째 파드", en="A first pod")
    assert lesson.tags == ("pods", "kubectl")
    assert lesson.grading_window == 120.0
    assert lesson.path == str(GOOD / "01-first-pod" / "lesson.yaml")


def test_it_reads_markdown_files_beside_lesson_yaml_and_keeps_inline_text(lesson):
    run, look = lesson.steps
    assert run.text.en == (GOOD / "01-first-pod" / "run-nginx.en.md").read_text(encoding="utf-8")
    assert run.text.ko.startswith("# nginx 실행")
    assert look.text.en == "Look with `kubectl describe`.\n"


def test_it_turns_shorthands_into_targets(lesson):
    first, second, third = lesson.steps[0].checks
    assert first.matcher == ObjectCheck(Target("Pod", name="nginx"), status=ValueTest("equals", "Running"))
    assert second.matcher == ObjectCheck(Target("Pod", selector="app=web", namespace="dev"),
                                         count=ValueTest("gte", 2))
    assert third.matcher.fields == (
        ("spec.containers[0].image", ValueTest("regex", "^nginx")),
        ('metadata.labels."app.kubernetes.io/name"', ValueTest("equals", "web")),
    )
    assert third.matcher.conditions == (("Ready", ValueTest("equals", "True")),)


def test_it_numbers_checks_by_step_unless_an_id_is_given(lesson):
    assert [c.id for c in lesson.steps[0].checks] == ["run-nginx-1", "run-nginx-2", "image-check"]
    assert [c.line for c in lesson.steps[0].checks] == [27, 31, 34]


def test_it_counts_points_with_a_default_of_one(lesson):
    assert [c.points for c in lesson.steps[0].checks] == [2, 1, 1]
    assert lesson.points == 4 + 6


def test_it_reads_the_other_matchers(lesson):
    matchers = [c.matcher for c in lesson.steps[1].checks]
    assert matchers[0] == CommandCheck(verb=("describe",), resource="pod", name="nginx")
    assert matchers[1] == CommandCheck(verb=("create", "apply"), flags=(("filename", ValueTest("exists", True)),))
    assert matchers[2] == HistoryCheck(pod="nginx", ready_within=1.5, restarted=ValueTest("lt", 1))
    assert matchers[3] == EventCheck(reason=ValueTest("equals", "Pulled"), object="nginx", type="Normal")
    assert matchers[4] == FileCheck(path="~/pod.yaml", yaml=(("kind", ValueTest("equals", "Pod")),))
    group = matchers[5]
    assert isinstance(group, AnyOf)
    # Nested checks have no points and no message of their own.
    assert [(c.id, c.points, c.message) for c in group.checks] == [
        ("look-around-6.1", 0, None), ("look-around-6.2", 0, None)]
    assert group.checks[1].matcher == Not(
        Check("look-around-6.2.1", CommandCheck(line=ValueTest("regex", "^curl ")), message=None, points=0, line=72))


def test_it_reads_hints_with_their_triggers(lesson):
    after, when, on_request = lesson.steps[0].hints
    assert after.after == 90.0 and after.when is None
    assert when.when.matcher.status == ValueTest("regex", "ErrImagePull|ImagePullBackOff")
    assert when.when.points == 0
    assert (on_request.after, on_request.after_real, on_request.when) == (None, None, None)


def test_it_reads_setup_and_quiz(lesson):
    setup = lesson.setup
    assert setup.speed == 10.0
    assert [o["kind"] for o in setup.objects] == ["Namespace", "Pod"]
    assert setup.files == (SetupFile("pod.yaml", "apiVersion: v1\nkind: Pod\n"),)
    assert setup.faults == (Fault(at=5400.0, action="node-stop", node="node02"),)
    assert setup.commands == ("lab advance 10s",)
    (question,) = lesson.quiz
    assert question.id == "why-pods" and not question.multiple
    assert [choice.correct for choice in question.choices] == [True, False]


def test_it_loads_a_course_sorted_with_prerequisites():
    lessons, errors = load_all(GOOD)
    assert errors == []
    assert [(lesson.slug, lesson.prerequisites) for lesson in lessons] == [
        ("01-first-pod", ()), ("02-second", ("01-first-pod",))]


@pytest.mark.parametrize(("written", "seconds"), [
    (30, 30.0), ("30", 30.0), ("30s", 30.0), ("2m", 120.0), ("1h30m", 5400.0), ("1.5s", 1.5), (0.5, 0.5),
    ("1h", 3600.0), ("2m30s", 150.0),
])
def test_it_reads_durations(written, seconds):
    assert parse_duration(written) == seconds


@pytest.mark.parametrize("written", ["5 minutes", "1m30x", "", "-3", -3, "s", True])
def test_it_refuses_what_is_not_a_duration(written):
    assert parse_duration(written) is None


def test_it_splits_field_paths():
    assert parse_field_path('spec.containers[name=web].ports[0].x') == (
        "spec", "containers", ("name", "web"), "ports", 0, "x")
    assert parse_field_path('metadata.labels."app.kubernetes.io/name"') == (
        "metadata", "labels", "app.kubernetes.io/name")
    assert parse_field_path("spec.containers[*].image") == ("spec", "containers", "[*]", "image")


def test_parse_check_reads_python_data_for_tests():
    check = parse_check({"pods": {"selector": "app=web"}, "count": {"gte": 2}}, "c1")
    assert check.id == "c1" and check.message is None
    assert check.matcher == ObjectCheck(Target("Pod", selector="app=web"), count=ValueTest("gte", 2))
    with pytest.raises(LessonErrors) as raised:
        parse_check({"pod": "x", "staus": "Running"})
    assert str(raised.value) == '<check>:2: staus: unknown key "staus"; did you mean "status"?'


# -- one test per kind of problem ---------------------------------------------------------------
def test_it_suggests_the_key_meant(tmp_path):
    assert check_errors(tmp_path, f"""\
        - pod: nginx
          staus: Running
          {MESSAGE}
        """) == ['01-x/lesson.yaml:11: step "run": checks[0].staus: unknown key "staus"; did you mean "status"?']


def test_it_requires_both_languages(tmp_path):
    source = HEAD.replace("title: {ko: 실행, en: Run}", "title: {en: Run}") + f"      - {{pod: a, {MESSAGE}}}\n"
    assert errors_of(tmp_path, source) == ['01-x/lesson.yaml:7: step "run": title: missing Korean text (ko)']


def test_it_names_a_missing_markdown_file(tmp_path):
    source = HEAD.replace("text: {ko: 본문, en: Body}", "text: {ko: run.ko.md, en: run.en.md}") \
        + f"      - {{pod: a, {MESSAGE}}}\n"
    assert errors_of(tmp_path, source, {"run.en.md": "Run it.\n"}) == [
        '01-x/lesson.yaml:8: step "run": text.ko: text file run.ko.md not found']


def test_it_names_bold_text_that_markdown_would_show_with_its_stars(tmp_path):
    # CommonMark does not close ** after ")" when a Korean particle follows: the page would show
    # the stars. Inside code, stars are the author's business.
    source = HEAD.replace("text: {ko: 본문, en: Body}", "text: {ko: run.ko.md, en: run.en.md}") \
        + f"      - {{pod: a, {MESSAGE}}}\n"
    files = {"run.ko.md": "**파드(Pod)**는 가장 작은 단위입니다.\n", "run.en.md": "A `**` in code is fine.\n"}
    assert errors_of(tmp_path, source, files) == [
        '01-x/lesson.yaml:8: step "run": text.ko: Markdown will show these stars as they are: '
        '"**파드(Pod)**는 가장" (after punctuation, ** must be followed by a space: '
        'write **파드**(Pod)는, not **파드(Pod)**는)']


def test_it_refuses_a_duplicate_step_id(tmp_path):
    step = HEAD[HEAD.index("  - id: run"):] + f"      - {{pod: a, {MESSAGE}}}\n"
    assert errors_of(tmp_path, HEAD + f"      - {{pod: a, {MESSAGE}}}\n" + step) == [
        '01-x/lesson.yaml:11: steps[1].id: duplicate step id "run" (also on line 6)']


def test_it_needs_exactly_one_matcher(tmp_path):
    assert check_errors(tmp_path, f"""\
        - status: Running
          {MESSAGE}
        - pod: a
          node: b
          {MESSAGE}
        """) == [
        '01-x/lesson.yaml:10: step "run": checks[0]: a check needs exactly one matcher: pod, pods, node, nodes, '
        "namespace, object, event, history, command, file, all, any, not; got none",
        '01-x/lesson.yaml:12: step "run": checks[1]: a check needs exactly one matcher: pod, pods, node, nodes, '
        "namespace, object, event, history, command, file, all, any, not; got pod, node",
    ]


def test_it_compiles_regexes(tmp_path):
    assert check_errors(tmp_path, f"""\
        - pod: a
          status: {{regex: "(Running"}}
          {MESSAGE}
        """) == ['01-x/lesson.yaml:11: step "run": checks[0].status.regex: regex does not compile: '
                 "missing ), unterminated subpattern at position 0"]


def test_a_value_test_takes_one_operator(tmp_path):
    assert check_errors(tmp_path, f"""\
        - pod: a
          restarts: {{gte: 1, lt: 3}}
          {MESSAGE}
        """) == ['01-x/lesson.yaml:11: step "run": checks[0].restarts: a value test takes exactly one of equals, '
                 "not, regex, gt, gte, lt, lte, exists, in, contains; got gte, lt"]


def test_it_explains_durations(tmp_path):
    assert check_errors(tmp_path, f"""\
        - history: {{pod: a, ready_within: 5 minutes}}
          {MESSAGE}
        """) == ['01-x/lesson.yaml:10: step "run": checks[0].history.ready_within: expected a duration like '
                 '30s, 2m, 1h30m, not "5 minutes"']


def test_top_level_checks_need_a_message_and_nested_ones_no_points(tmp_path):
    assert check_errors(tmp_path, """\
        - all:
            - {pod: a, status: Running, points: 2}
        """) == [
        '01-x/lesson.yaml:10: step "run": checks[0].message: missing the message shown while this check fails',
        '01-x/lesson.yaml:11: step "run": checks[0].all[0].points: points are only given to top-level checks, '
        "not inside all, any, not or when",
    ]


def test_exists_false_takes_no_other_test(tmp_path):
    assert check_errors(tmp_path, f"""\
        - pod: a
          exists: false
          status: Running
          {MESSAGE}
        """) == ['01-x/lesson.yaml:11: step "run": checks[0].exists: exists: false takes no other tests; got status']


def test_count_needs_a_selector(tmp_path):
    assert check_errors(tmp_path, f"""\
        - pod: a
          count: 2
          {MESSAGE}
        """) == ['01-x/lesson.yaml:11: step "run": checks[0].count: count only goes with a selector '
                 "(pods:, nodes: or object: {selector: ...})"]


def test_it_knows_kubectl_verbs_and_flags(tmp_path):
    assert check_errors(tmp_path, f"""\
        - command: {{verb: decribe}}
          {MESSAGE}
        - command: {{verb: apply, flags: {{filname: x}}}}
          {MESSAGE}
        """) == [
        '01-x/lesson.yaml:10: step "run": checks[0].command.verb: unknown kubectl verb "decribe"; '
        'did you mean "describe"?',
        '01-x/lesson.yaml:12: step "run": checks[1].command.flags.filname: kubectl apply has no flag "filname" '
        '(long names only: filename, not f); did you mean "filename"?',
    ]


def test_it_refuses_a_repeated_key(tmp_path):
    assert check_errors(tmp_path, f"""\
        - pod: a
          status: Running
          status: Pending
          {MESSAGE}
        """) == ['01-x/lesson.yaml:12: step "run": checks[0].status: duplicate key "status"']


def test_it_reports_yaml_syntax_errors_at_their_line(tmp_path):
    errors = errors_of(tmp_path, HEAD + "      - pod: [a\n")
    assert errors == ["01-x/lesson.yaml:11: YAML syntax error: while parsing a flow sequence, "
                      "expected ',' or ']', but got '<stream end>'"]


def test_it_checks_prerequisites_across_lessons(tmp_path):
    source = HEAD.replace("minutes: 5\n", "minutes: 5\nprerequisites: [01-y]\n") + f"      - {{pod: a, {MESSAGE}}}\n"
    assert errors_of(tmp_path, source) == [
        '01-x/lesson.yaml:3: prerequisites[0]: unknown prerequisite lesson "01-y"']


def test_it_validates_setup_objects(tmp_path):
    source = HEAD.replace("steps:\n", """\
setup:
  objects:
    - {apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}
    - {apiVersion: v1, kind: Pod, metadata: {labels: {app: web}}}
steps:
""") + f"      - {{pod: a, {MESSAGE}}}\n"
    assert errors_of(tmp_path, source) == [
        '01-x/lesson.yaml:7: setup.objects[0].kind: setup objects are Pods or Namespaces, not "Deployment"',
        '01-x/lesson.yaml:7: setup.objects[0].apiVersion: a Deployment is apiVersion v1, not "apps/v1"',
        "01-x/lesson.yaml:8: setup.objects[1].metadata.name: missing (required)",
    ]


def test_it_needs_a_correct_choice(tmp_path):
    source = HEAD + f"      - {{pod: a, {MESSAGE}}}\n" + """\
quiz:
  - id: q
    text: {ko: 질문, en: Question}
    choices:
      - {text: {ko: 가, en: A}}
      - {text: {ko: 나, en: B}}
"""
    assert errors_of(tmp_path, source) == ["01-x/lesson.yaml:15: quiz[0].choices: no choice is marked correct: true"]


def test_it_reports_every_problem_at_once(tmp_path):
    errors = check_errors(tmp_path, """\
        - pod: a
          staus: Running
        - file: {path: /etc/passwd}
          message: {en: x}
        """)
    assert errors == [
        '01-x/lesson.yaml:10: step "run": checks[0].message: missing the message shown while this check fails',
        '01-x/lesson.yaml:11: step "run": checks[0].staus: unknown key "staus"; did you mean "status"?',
        '01-x/lesson.yaml:12: step "run": checks[1].file.path: "/etc/passwd" is not a file in the learner\'s home: '
        "write pod.yaml, ~/pod.yaml or /root/pod.yaml",
        '01-x/lesson.yaml:13: step "run": checks[1].message: missing Korean text (ko)',
    ]


def test_load_lesson_raises_with_every_error(tmp_path):
    folder = tmp_path / "01-x"
    folder.mkdir()
    (folder / "lesson.yaml").write_text("order: 1\n", encoding="utf-8")
    with pytest.raises(LessonErrors) as raised:
        load_lesson(folder, base=tmp_path)
    assert [str(e) for e in raised.value.errors] == [
        f"01-x/lesson.yaml:1: {key}: missing (required)" for key in ("minutes", "title", "summary", "steps")]


def test_a_folder_without_lesson_yaml_is_an_error(tmp_path):
    (tmp_path / "01-x").mkdir()
    (tmp_path / "_drafts").mkdir()   # skipped, like hidden folders
    lessons, errors = load_all(tmp_path, base=tmp_path)
    assert [str(e) for e in errors] == ["01-x: no lesson.yaml in this lesson folder"]


def test_it_refuses_a_check_id_given_twice(tmp_path):
    assert check_errors(tmp_path, f"""\
        - {{id: nginx-up, pod: a, {MESSAGE}}}
        - {{id: nginx-up, pod: b, {MESSAGE}}}
        """) == ['01-x/lesson.yaml:11: step "run": checks[1].id: duplicate check id "nginx-up" (also on line 10)']


def test_it_reads_the_long_forms_of_shorthands():
    assert parse_check({"pod": {"name": "web", "namespace": "dev"}}).matcher.target == Target("Pod", name="web",
                                                                                               namespace="dev")
    assert parse_check({"nodes": "zone=a"}).matcher.target == Target("Node", selector="zone=a")
    assert parse_check({"namespace": "dev"}).matcher.target == Target("Namespace", name="dev")
    assert parse_check({"command": {"verb": "logs", "succeeded": None}}).matcher == CommandCheck(
        verb=("logs",), succeeded=None)
