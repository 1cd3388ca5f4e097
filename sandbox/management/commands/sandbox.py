"""``python manage.py sandbox ...``: sandboxes from the command line, for a real kubectl.

    sandbox create [--seed N] [--lesson SLUG]    prints the new sandbox's id
    sandbox kubeconfig ID [--server URL]         prints a kubeconfig for its Kubernetes API
    sandbox revoke ID                            new API token: the old kubeconfig stops working

    python manage.py sandbox create --seed 7 > id
    python manage.py sandbox kubeconfig "$(cat id)" > kubeconfig
    kubectl --kubeconfig kubeconfig get pods
"""
from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sandbox.api.kubeconfig import DEFAULT_SERVER, kubeconfig
from sandbox.models import Sandbox
from sandbox.sandboxes import create_sandbox


def _sandbox(text: str) -> Sandbox:
    try:
        key = uuid.UUID(text)
    except ValueError:
        raise CommandError(f"not a sandbox id: {text!r}") from None
    row = Sandbox.objects.filter(pk=key).first()
    if row is None:
        raise CommandError(f"no sandbox {key}")
    return row


class Command(BaseCommand):
    help = "Create sandboxes and print kubeconfigs that point a real kubectl at them."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,kubeconfig,revoke}")
        create = actions.add_parser("create", help="create a sandbox and print its id")
        create.add_argument("--seed", type=int, default=1, help="the simulation's seed (default 1)")
        create.add_argument("--lesson", default="", help="the lesson's slug (default: a playground)")
        config = actions.add_parser("kubeconfig", help="print a kubeconfig for a sandbox")
        config.add_argument("id", help="the sandbox's id")
        config.add_argument("--server", default=DEFAULT_SERVER,
                            help=f"where Podlab is served (default {DEFAULT_SERVER})")
        revoke = actions.add_parser("revoke", help="give a sandbox a new API token")
        revoke.add_argument("id", help="the sandbox's id")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            if options["seed"] < 0:
                raise CommandError("--seed must be 0 or more")
            row = _create(options["seed"], options["lesson"])
            self.stdout.write(str(row.pk))
        elif action == "kubeconfig":
            self.stdout.write(kubeconfig(_sandbox(options["id"]), options["server"]), ending="")
        else:
            _sandbox(options["id"]).rotate_token()
            self.stdout.write(f"sandbox {options['id']}: the API token was replaced")


def _create(seed: int, slug: str) -> Sandbox:
    """A playground, or a lesson's sandbox with its setup applied and its progress beside it."""
    if not slug:
        return create_sandbox(seed=seed)
    from lessons import catalog                         # the lessons app builds on this one
    from lessons.sandboxes import create_lesson_sandbox
    try:
        lesson = catalog.get_lesson(slug)
    except KeyError:
        raise CommandError(f"no lesson {slug!r}: try one of {', '.join(l.slug for l in catalog.all_lessons())}") from None
    return create_lesson_sandbox(lesson, seed=seed)
