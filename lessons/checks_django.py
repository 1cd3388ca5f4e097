"""A Django system check: the server refuses to start while a lesson is broken.

Each problem the loader finds (lessons/schema/loader.py) becomes one ``lessons.E001`` error whose
text is the problem's ``file:line: step "id": field: message``, so ``manage.py check``,
``runserver`` and the test runner print exactly what ``manage.py validate_lessons`` prints. The
idea is healthchecks' (hc/api/apps.py): bad configuration stops start-up with a clear message.
"""
from __future__ import annotations

from typing import Any

from django.core import checks

from lessons import catalog


@checks.register("lessons")
def check_lessons(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Error(str(error), id="lessons.E001")
        for error in catalog.errors()
    ]
