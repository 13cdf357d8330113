"""Units and people become translatable (issue #25): every existing row takes the default
locale and a translation key of its own, then both fields become required and unique
together, as Wagtail's TranslatableMixin requires."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.models.i18n import BootstrapLocaleField, BootstrapTranslationKeyField


def default_locale_and_own_keys(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    for name in ("Unit", "Person"):
        model = apps.get_model("home", name)
        for row in model.objects.filter(translation_key__isnull=True):
            row.translation_key = uuid.uuid4()
            row.locale = locale
            row.save(update_fields=["translation_key", "locale"])
    if schema_editor.connection.vendor == "postgresql":
        # The locale key's check is deferred to the commit: the columns cannot be altered
        # below while it is pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def required(model_name):
    return [
        migrations.AlterField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name=model_name, unique_together={("translation_key", "locale")}
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_catalogue_focal_point"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        BootstrapLocaleField("home.Unit"),
        BootstrapTranslationKeyField("home.Unit"),
        BootstrapLocaleField("home.Person"),
        BootstrapTranslationKeyField("home.Person"),
        migrations.RunPython(default_locale_and_own_keys, migrations.RunPython.noop),
        *required("unit"),
        *required("person"),
        migrations.AlterField(
            model_name="unit",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"locale__language_code": "vi"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="home.unit",
                verbose_name="part of",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="unit",
            field=models.ForeignKey(
                limit_choices_to={"locale__language_code": "vi"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="people",
                to="home.unit",
                verbose_name="unit",
            ),
        ),
    ]
