"""The terminal's recent text moves from ``state["web"]["screen"]`` to a column of its own."""
from django.db import migrations, models


def move_screen(apps, schema_editor):
    Sandbox = apps.get_model("sandbox", "Sandbox")
    for row in Sandbox.objects.only("id", "state").iterator(chunk_size=200):
        web = (row.state or {}).get("web")
        if isinstance(web, dict) and "screen" in web:
            row.screen = str(web.pop("screen") or "")
            row.save(update_fields=["state", "screen"])


def restore_screen(apps, schema_editor):
    Sandbox = apps.get_model("sandbox", "Sandbox")
    for row in Sandbox.objects.only("id", "state", "screen").iterator(chunk_size=200):
        web = (row.state or {}).get("web")
        if isinstance(web, dict):
            web["screen"] = row.screen
            row.save(update_fields=["state"])


class Migration(migrations.Migration):

    dependencies = [
        ('sandbox', '0003_state_json_codec'),
    ]

    operations = [
        migrations.AddField(
            model_name='sandbox',
            name='screen',
            field=models.TextField(blank=True, default='', editable=False, help_text="The terminal's recent text, drawn again for a tab that connects (appended by the database itself: sandbox/turns.py)."),
        ),
        migrations.RunPython(move_screen, restore_screen),
    ]
