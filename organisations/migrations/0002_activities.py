from django.db import migrations

CODES = [
    "dutch-conversation", "homework-help", "housing", "buddy", "sponsorship", "job-coaching", "social-grocery",
    "small-loans", "home-visits", "info-evenings", "family-reunification", "leisure", "sewing", "shelter",
    "fundraising", "awareness", "family-support", "health",
]


def seed(apps, schema_editor):
    Activity = apps.get_model("organisations", "Activity")
    for position, code in enumerate(CODES):
        Activity.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
