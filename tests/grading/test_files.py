"""Reading submissions from the disk (lessons/grading/files.py): what is a submission, and errors that
name the path."""
from __future__ import annotations

from pathlib import Path

import pytest

from lessons.grading import SubmissionError
from lessons.grading.files import read_submission

POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: nginx}]\n"


def test_a_manifest_file_is_a_submission_of_one_file(tmp_path: Path) -> None:
    (tmp_path / "alice.yml").write_text(POD)
    sub = read_submission(tmp_path / "alice.yml")
    assert (sub.name, sub.kind, sub.files, sub.transcript) == ("alice.yml", "manifests", (("alice.yml", POD),), None)


def test_a_folder_holds_its_manifests_in_path_order(tmp_path: Path) -> None:
    root = tmp_path / "bob"
    for name in ("z.yaml", "a/b.json", "a/c.YML", "notes.txt", ".hidden.yaml", ".git/x.yaml", "run.transcript"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(POD)
    sub = read_submission(root)
    assert sub.name == "bob" and [path for path, _ in sub.files] == ["a/b.json", "a/c.YML", "z.yaml"]


def test_an_empty_folder_is_the_empty_submission(tmp_path: Path) -> None:
    (tmp_path / "carol").mkdir()
    assert read_submission(tmp_path / "carol").files == ()


@pytest.mark.parametrize(("name", "content"), [
    ("run.transcript", "# nothing typed\n"),
    ("run.txt", "# header\n\n$ kubectl get pods\nNo resources found in default namespace.\n"),
    ("history", "@ +5s\n$ kubectl get pods\n"),
])
def test_a_transcript_is_known_by_its_name_or_its_first_line(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content)
    sub = read_submission(tmp_path / name, name="dave")
    assert (sub.name, sub.kind, sub.transcript) == ("dave", "transcript", content)


@pytest.mark.parametrize(("setup", "message"), [
    (lambda p: None, "{p}: no such file or directory"),
    (lambda p: p.write_text("hello\n"), "{p}: not a manifest (.yaml, .yml, .json) or a transcript"),
    (lambda p: p.write_bytes(b"$ ls\n\xff\n"), "{p}: not UTF-8 text (byte 5)"),
    (lambda p: p.write_text("$ ls\n" + "x" * (1 << 20)), "{p}: larger than 1 MiB (1.0 MiB)"),
    (lambda p: p.write_text("$ ls\n@ later\n"), "{p}:2: "),
])
def test_it_names_the_path_of_a_submission_it_cannot_read(tmp_path: Path, setup, message: str) -> None:
    path = tmp_path / "sub"
    setup(path)
    with pytest.raises(SubmissionError) as err:
        read_submission(path, name="erin")
    assert str(err.value).startswith(message.format(p=path))


def test_a_folder_is_at_most_one_mebibyte_in_all(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.yaml").write_text("#" * 400_000)
    with pytest.raises(SubmissionError, match=r"its manifests are larger than 1 MiB in all"):
        read_submission(tmp_path)


def test_a_device_is_not_a_submission() -> None:
    with pytest.raises(SubmissionError, match="/dev/null: not a file or a directory"):
        read_submission("/dev/null")
