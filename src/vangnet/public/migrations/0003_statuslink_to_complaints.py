# The status links became the register's (complaints.StatusLink, same table).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('public', '0002_submission'),
        ('complaints', '0005_statuslink'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='StatusLink')],
            database_operations=[],
        ),
    ]
