from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Reconstruit une instance vide (base de données et stockages) à partir "
        "d’une archive écrite par « backup » ; refuse une instance qui a des données."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="L’archive .tar.gz à restaurer.")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restauration terminée : sauvegarde du {manifest['created_at']}."
        )
