from django.core.management.base import BaseCommand, CommandError

from sustainai.accounts.models import User
from sustainai.accounts.tokens import create_token, revoke_tokens


class Command(BaseCommand):
    help = (
        "Manage API tokens. 'token create EMAIL' prints a new token once (only its hash is kept); "
        "'token revoke EMAIL' revokes every token of that user."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "revoke"])
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="A label to recognise the token by.")

    def handle(self, *args, action, email, name, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        if action == "revoke":
            count = revoke_tokens(user)
            self.stdout.write(f"{count} token(s) of {user.email} revoked.")
            return
        if not user.is_active:
            raise CommandError(f"{user.email} is not active.")
        record, token = create_token(user, name=name)
        self.stderr.write(
            f"Token {record.prefix}… created for {user.email}. It is shown only now; keep it safe:"
        )
        self.stdout.write(token)
