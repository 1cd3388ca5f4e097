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
            row = create_sandbox(seed=options["seed"], lesson=options["lesson"])
            self.stdout.write(str(row.pk))
        elif action == "kubeconfig":
            self.stdout.write(kubeconfig(_sandbox(options["id"]), options["server"]), ending="")
        else:
            _sandbox(options["id"]).rotate_token()
            self.stdout.write(f"sandbox {options['id']}: the API token was replaced")
