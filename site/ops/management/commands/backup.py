from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Écrit une archive datée de la base de données et des deux stockages "
        "(médias publics, fichiers privés), avec son manifeste."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=settings.BACKUP_DIR,
            help="Dossier où écrire l’archive (BACKUP_DIR par défaut).",
        )

    def handle(self, *args, output_dir, **options):
        try:
            archive, manifest = backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(len(entries) for entries in manifest["storages"].values())
        self.stdout.write(f"Sauvegarde écrite : {archive} ({files} fichier(s)).")
