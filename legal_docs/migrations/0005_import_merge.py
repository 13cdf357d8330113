import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def names_to_accounts(apps, schema_editor):
    """A batch's importer was free text; it becomes the account of that name, if any."""
    ImportBatch = apps.get_model("legal_docs", "ImportBatch")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for batch in ImportBatch.objects.exclude(imported_by_name=""):
        user = User.objects.filter(username=batch.imported_by_name).first()
        if user is not None:
            batch.imported_by = user
            batch.save(update_fields=["imported_by"])


ALIASES = dict(
    blank=True,
    help_text="Other ways exchange files write this name, one per line. Marks, case and abbreviations such as UBND are matched already.",
    verbose_name="other names",
)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("legal_docs", "0004_procedures"),
    ]

    operations = [
        migrations.AddField("documenttype", "aliases", models.TextField(**ALIASES)),
        migrations.AddField("issuingauthority", "aliases", models.TextField(**ALIASES)),
        migrations.AddField("legalfield", "aliases", models.TextField(**ALIASES)),
        migrations.RenameField("importbatch", "imported_by", "imported_by_name"),
        migrations.AddField(
            "importbatch",
            "imported_by",
            models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="imported by",
            ),
        ),
        migrations.RunPython(names_to_accounts, migrations.RunPython.noop),
        migrations.RemoveField("importbatch", "imported_by_name"),
        migrations.AddField(
            "importbatch",
            "withdrawn",
            models.JSONField(blank=True, default=list, verbose_name="withdrawn documents"),
        ),
        migrations.AddField(
            "importbatch", "retried_by", models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            "importbatchitem", "changes", models.JSONField(blank=True, default=list)
        ),
        migrations.AlterField(
            "importbatch",
            "status",
            models.CharField(
                choices=[
                    ("pending", "Waiting for the board"),
                    ("approved", "Approved and published"),
                    ("rejected", "Rejected"),
                    ("empty", "Nothing to review"),
                    ("superseded", "Superseded by a newer import"),
                ],
                default="pending",
                max_length=16,
                verbose_name="status",
            ),
        ),
    ]
