"""``python manage.py apitoken ...``: keys for the grading API (lessons/api.py, docs/api).

    apitoken create USERNAME NAME    make a key for USERNAME, named NAME; the key is printed once
    apitoken list                    every key: prefix, holder, name, made, last used, revoked
    apitoken revoke PREFIX           revoke the key whose prefix (or whole key) this is

Instructors also make, list and revoke their own keys at /classes/keys/ (lessons/keys.py); this
command is for an administrator, and for keys held by staff or an integration's user.

Only a key's SHA-256 is stored (lessons.models.ApiToken), so a lost key cannot be shown again:
revoke it and make another. A key works for POST /api/grade only while its holder is an instructor
(the Instructors group, or a superuser) or staff; ``create`` says so when the holder is neither.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lessons.models import ApiToken, hash_key, is_instructor


class Command(BaseCommand):
    help = "Create, list and revoke keys for the grading API."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="make a key (printed once)")
        create.add_argument("username")
        create.add_argument("name", help="what the key is for, e.g. 'the LMS autograder'")
        actions.add_parser("list", help="every key, newest first")
        revoke = actions.add_parser("revoke", help="revoke a key by its prefix")
        revoke.add_argument("prefix", help="the key's first characters, as `list` shows them, or the key")

    def handle(self, *args: object, action: str, **options: str) -> None:
        getattr(self, f"_{action}")(**options)

    def _create(self, username: str, name: str, **_: object) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"there is no user {username!r}") from None
        if not name.strip():
            raise CommandError("give the key a name: what it is for")
        token, key = ApiToken.issue(user, name.strip())
        self.stdout.write(key)
        self.stderr.write(f"key {token.prefix}… for {username} ({token.name}): shown once, keep it now")
        if not (is_instructor(user) or user.is_staff):
            self.stderr.write(f"note: {username} is not an instructor or staff: POST /api/grade answers 403 "
                              f"until they are (the Instructors group)")

    def _list(self, **_: object) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("-created", "-pk")
        if not tokens:
            self.stdout.write("no API keys")
            return
        for t in tokens:
            used = t.last_used.strftime("%Y-%m-%d %H:%M") if t.last_used else "never used"
            state = "revoked" if t.revoked else "active"
            self.stdout.write(f"{t.prefix}…  {state:7}  {t.user.get_username():16}  made "
                              f"{t.created:%Y-%m-%d %H:%M}  {used:16}  {t.name}")

    def _revoke(self, prefix: str, **_: object) -> None:
        prefix = prefix.rstrip("…")
        if len(prefix) > 8:                 # longer than any prefix: a whole key
            found = list(ApiToken.objects.filter(digest=hash_key(prefix)))
        else:
            found = list(ApiToken.objects.filter(prefix__startswith=prefix, revoked=False)) if prefix else []
        if not found:
            raise CommandError(f"no active key starts with {prefix!r} (`apitoken list` shows them)")
        if len(found) > 1:
            names = ", ".join(f"{t.prefix}… ({t.user.get_username()}: {t.name})" for t in found)
            raise CommandError(f"{len(found)} keys start with {prefix!r}: {names}; give the whole key")
        token = found[0]
        token.revoked = True
        token.save(update_fields=["revoked"])
        self.stdout.write(f"revoked {token.prefix}… ({token.user.get_username()}: {token.name})")
