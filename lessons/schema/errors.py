"""What is wrong with a lesson, said the way a compiler says it: ``file:line: step "id": field: message``.

The loader collects every problem it finds instead of stopping at the first, so an instructor
fixes a whole lesson in one pass (the habit of compilers and linters such as yamllint).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LessonError:
    """One problem: where (file, 1-based line, the step's id when inside a step, the field path
    relative to the step or to the file) and what, in words an instructor understands."""
    file: str
    line: int
    step: str | None
    field: str
    message: str

    def __str__(self) -> str:
        # Line 0: the problem is the file or folder itself (missing, unreadable).
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        if self.step is not None:
            where += f'step "{self.step}": '
        if self.field:
            where += f"{self.field}: "
        return where + self.message


class LessonErrors(Exception):
    """A lesson (or several) could not be loaded; ``errors`` lists every problem, in file order."""

    def __init__(self, errors: list[LessonError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


def sorted_errors(errors: list[LessonError]) -> list[LessonError]:
    """File by file, top to bottom; problems on one line keep the order they were found in."""
    return sorted(errors, key=lambda error: (error.file, error.line))
