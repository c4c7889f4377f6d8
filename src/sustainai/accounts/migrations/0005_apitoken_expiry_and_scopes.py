import datetime

from django.db import migrations, models
from django.utils import timezone

# Tokens made before expiry existed get the default lifetime from the day of the upgrade, so that
# no integration stops working at once.
LIFETIME_OF_EXISTING_TOKENS = datetime.timedelta(days=90)


def set_expiry_of_existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + LIFETIME_OF_EXISTING_TOKENS
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(set_expiry_of_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.CharField(
                blank=True,
                help_text="Separated by spaces. Empty: every scope, as tokens had before scopes existed.",
                max_length=200,
                verbose_name="scopes",
            ),
        ),
    ]
