import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sustainai.accounts.models import ApiScope, User
from sustainai.accounts.tokens import (
    MAX_LIFETIME_DAYS,
    create_token,
    default_lifetime,
    revoke_tokens,
    tokens_of,
)


class Command(BaseCommand):
    help = (
        "Manage API tokens. 'token create EMAIL' prints a new token once (only its hash is kept); "
        "'token list EMAIL' lists that user's tokens; 'token revoke EMAIL' revokes every token of "
        "that user, or only one with --prefix."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="A label to recognise the token by.")
        parser.add_argument(
            "--expires-in",
            type=int,
            metavar="DAYS",
            help=f"Days until the token expires (1 to {MAX_LIFETIME_DAYS}; default: "
            "API_TOKEN_LIFETIME_DAYS, 90 unless set).",
        )
        parser.add_argument(
            "--scope",
            action="append",
            choices=ApiScope.values,
            default=[],
            help="What the token may do; repeat for several. None given: every scope.",
        )
        parser.add_argument(
            "--prefix", default="", help="With revoke: only the token starting with this prefix."
        )

    def handle(self, *args, action, email, name, expires_in, scope, prefix, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        if action == "list":
            self.list_tokens(user)
        elif action == "revoke":
            count = revoke_tokens(user, prefix=prefix)
            self.stdout.write(f"{count} token(s) of {user.email} revoked.")
        else:
            self.create(user, name, expires_in, scope)

    def create(self, user: User, name: str, expires_in: int | None, scopes: list[str]) -> None:
        if not user.is_active:
            raise CommandError(f"{user.email} is not active.")
        if expires_in is None:
            lifetime = default_lifetime()
        elif 1 <= expires_in <= MAX_LIFETIME_DAYS:
            lifetime = datetime.timedelta(days=expires_in)
        else:
            raise CommandError(f"--expires-in must be between 1 and {MAX_LIFETIME_DAYS} days.")
        record, token = create_token(user, name=name, expires_in=lifetime, scopes=scopes)
        self.stderr.write(
            f"Token {record.prefix}… created for {user.email}, expiring on "
            f"{record.expires_at:%Y-%m-%d %H:%M} UTC, scopes: {record.scopes or 'all'}. "
            "It is shown only now; keep it safe:"
        )
        self.stdout.write(token)

    def list_tokens(self, user: User) -> None:
        now = timezone.now()
        records = list(tokens_of(user))
        if not records:
            self.stdout.write(f"{user.email} has no API token.")
        for record in records:
            if record.revoked_at:
                state = f"revoked {record.revoked_at:%Y-%m-%d}"
            elif record.expires_at <= now:
                state = f"expired {record.expires_at:%Y-%m-%d}"
            else:
                state = f"expires {record.expires_at:%Y-%m-%d}"
            used = f"{record.last_used_at:%Y-%m-%d}" if record.last_used_at else "never"
            self.stdout.write(
                f"{record.prefix}…  {state}  scopes: {record.scopes or 'all'}  "
                f"last used: {used}  created {record.created_at:%Y-%m-%d}  {record.name}".rstrip()
            )
