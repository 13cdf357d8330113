"""Installs made before roles had codes know the five groups by these names (the first
profile's): attach each to its role, so `setup_portal` and every permission check find
them, and their members keep their rights. A group already renamed by hand is attached by
`setup_portal` only if it carries its profile name; otherwise an operator attaches it."""

from django.db import migrations

NAMES = {
    "operators": "Quản trị hệ thống",
    "contributors": "Biên tập viên",
    "board": "Ban Biên tập",
    "directors": "Lãnh đạo Sở",
    "office": "Văn phòng Sở",
}


def attach(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Role = apps.get_model("portal", "Role")
    for code, name in NAMES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None and not Role.objects.filter(code=code).exists():
            Role.objects.get_or_create(group=group, defaults={"code": code})


def detach(apps, schema_editor):
    apps.get_model("portal", "Role").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_role_and_settings_defaults_from_profile")]

    operations = [migrations.RunPython(attach, detach)]
