# The status links move from the public app to the register: the same table
# (public_statuslink), only the model's owner changes.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0004_handling'),
        ('public', '0002_submission'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StatusLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(max_length=64, unique=True, verbose_name='hash van de code')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='gemaakt op')),
                        ('expires_at', models.DateTimeField(verbose_name='geldig tot')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='ingetrokken op')),
                        ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='laatst gebruikt op')),
                        ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_links', to='complaints.complaint', verbose_name='klacht')),
                    ],
                    options={
                        'verbose_name': 'statuslink',
                        'verbose_name_plural': 'statuslinks',
                        'ordering': ['-created_at', '-id'],
                        'db_table': 'public_statuslink',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
