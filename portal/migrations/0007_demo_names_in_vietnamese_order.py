from django.db import migrations

# The demo's accounts were made with the family and middle names as first_name, for Django's
# "first last" display. Names now show as "last_name first_name" (portal/core/people.py):
# these three, if still as the demo made them, are turned round. No other account is
# touched: names typed in the admin were typed into fields labelled Tên and Họ.
DEMO = {
    "ctv.lethithu": ("Lê Thị", "Thu"),
    "bbt.nguyenvanhai": ("Nguyễn Văn", "Hải"),
    "bbt.tranminhduc": ("Trần Minh", "Đức"),
}


def turn_round(apps, schema_editor, forward=True):
    User = apps.get_model("auth", "User")
    for username, (family, given) in DEMO.items():
        old, new = ((family, given), (given, family)) if forward else ((given, family), (family, given))
        User.objects.filter(username=username, first_name=old[0], last_name=old[1]).update(
            first_name=new[0], last_name=new[1]
        )


def backwards(apps, schema_editor):
    turn_round(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("portal", "0006_report_heading_settings"),
    ]

    operations = [migrations.RunPython(turn_round, backwards)]
