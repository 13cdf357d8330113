from django.db import migrations, models


class Migration(migrations.Migration):
    """Unanswered queries counted per day, so reports cover any period. A row counted before
    keeps its total on the day it was last asked."""

    dependencies = [("search", "0003_sqlite_diacritics")]

    operations = [
        migrations.RenameField("unansweredquery", "last_asked", "date"),
        migrations.AlterField(
            "unansweredquery",
            "date",
            models.DateField(verbose_name="date"),
        ),
        migrations.AlterField(
            "unansweredquery",
            "query_string",
            models.CharField(max_length=255, verbose_name="query"),
        ),
        migrations.AddConstraint(
            "unansweredquery",
            models.UniqueConstraint(fields=["query_string", "date"], name="one_row_a_day"),
        ),
    ]
