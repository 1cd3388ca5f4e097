"""File checks: files in the learner's home, as text and as the YAML kubectl would read."""
from __future__ import annotations

import pytest

from lessons.checks import View, evaluate
from lessons.schema.model import Check, FileCheck, ValueTest as V
from sandbox.session import Session


def outcome(session, matcher):
    result = evaluate(Check(id="c", matcher=matcher, message=None), View.of(session))
    return result.passed, result.why


@pytest.fixture(scope="module")
def home():
    s = Session(seed=1)
    s.execute("kubectl run nginx --image=nginx --dry-run=client -o yaml > nginx.yaml")
    s.execute("cat > two.yaml <<EOF\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: b\nEOF")
    s.execute("mkdir -p work && echo 'key: [unclosed' > work/bad.yaml")
    s.execute("echo hello > /tmp/note.txt")
    return s


def test_it_reads_a_manifest_written_by_a_dry_run(home):
    check = FileCheck("nginx.yaml", yaml=(("kind", V("equals", "Pod")), ("metadata.name", V("equals", "nginx")),
                                           ("spec.containers[0].image", V("equals", "nginx"))))
    assert outcome(home, check) == (True, "")


@pytest.mark.parametrize("path", ["nginx.yaml", "~/nginx.yaml", "/root/nginx.yaml", "./work/../nginx.yaml"])
def test_it_finds_a_file_under_root(home, path):
    assert outcome(home, FileCheck(path)) == (True, "")


def test_it_reads_absolute_paths_outside_home(home):
    assert outcome(home, FileCheck("/tmp/note.txt", contains=V("equals", "hello\n"))) == (True, "")


def test_it_says_a_file_is_missing(home):
    assert outcome(home, FileCheck("pod.yaml")) == (False, "file pod.yaml does not exist")
    assert outcome(home, FileCheck("work")) == (False, "file work does not exist")   # a directory is no file


def test_it_requires_a_file_to_be_absent_for_exists_false(home):
    assert outcome(home, FileCheck("pod.yaml", exists=False)) == (True, "")
    assert outcome(home, FileCheck("nginx.yaml", exists=False)) == (False, "file nginx.yaml exists")


def test_it_tests_the_whole_text(home):
    assert outcome(home, FileCheck("nginx.yaml", contains=V("contains", "image: nginx"))) == (True, "")
    assert outcome(home, FileCheck("nginx.yaml", contains=V("contains", "image: httpd"))) == \
        (False, 'file nginx.yaml does not contain "image: httpd"')
    assert outcome(home, FileCheck("nginx.yaml", contains=V("regex", "restartPolicy: Never"))) == \
        (False, 'file nginx.yaml has no match for "restartPolicy: Never"')


def test_it_explains_a_failing_yaml_field(home):
    assert outcome(home, FileCheck("nginx.yaml", yaml=(("spec.restartPolicy", V("equals", "Never")),))) == \
        (False, "file nginx.yaml: spec.restartPolicy is Always, not Never")
    assert outcome(home, FileCheck("nginx.yaml", yaml=(("spec.containers[0].livenessProbe", V("exists", True)),))) == \
        (False, "file nginx.yaml: spec.containers[0].livenessProbe is not set")


def test_it_reads_the_first_document_and_others_through_documents(home):
    assert outcome(home, FileCheck("two.yaml", yaml=(("metadata.name", V("equals", "a")),
                                                     ("documents[1].metadata.name", V("equals", "b")),
                                                     ("documents[*].metadata.name", V("equals", "b"))))) == (True, "")
    assert outcome(home, FileCheck("two.yaml", yaml=(("metadata.name", V("equals", "b")),))) == \
        (False, "file two.yaml: metadata.name is a, not b")


def test_it_says_a_file_is_not_yaml(home):
    passed, why = outcome(home, FileCheck("work/bad.yaml", yaml=(("key", V("exists", True)),)))
    assert not passed and why.startswith("file work/bad.yaml is not valid YAML (yaml: line ")


def test_it_sees_a_file_written_with_a_here_document():
    s = Session(seed=1)
    s.execute("cat > pod.yaml <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n"
              "spec:\n  containers:\n  - name: web\n    image: nginx\nEOF")
    assert outcome(s, FileCheck("pod.yaml", yaml=(("kind", V("equals", "Pod")), ("metadata.name", V("equals", "web"))))) \
        == (True, "")
