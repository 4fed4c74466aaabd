"""`manage.py import_calendar <file-or-address> --organisation <slug>`: import an iCalendar calendar now.

An address (http, https) becomes an imported calendar of the organisation (created once, then
reused) and is fetched like the hourly task does. A file is imported directly for the organisation:
its events are updated by UID when imported again, never deleted.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agenda import importer
from agenda.events import CalendarSource
from annuaire.models import Organisation
from caserurale import remote
from caserurale.progress import ProgressBarMixin


class Command(ProgressBarMixin, BaseCommand):
    progress_noun = "events"
    help = "Imports an iCalendar file or address (.ics) into the agenda, for one organisation."

    def add_arguments(self, parser):
        parser.add_argument("location", help="a .ics file, or an http(s) address")
        parser.add_argument("--organisation", required=True, help="the organisation's slug (short name in addresses)")
        parser.add_argument("--source-name", help="name of the imported calendar (addresses only)")
        parser.add_argument(
            "--publish", action="store_true", help="publish at once instead of leaving drafts for moderation"
        )

    def handle(self, *args, location, organisation, source_name, publish, **options):
        owner = Organisation.objects.filter(slug=organisation).first()
        if owner is None:
            raise CommandError(f"No organisation has the short name “{organisation}”.")
        try:
            if "://" in location:
                summary, label = self.import_address(location, owner, source_name, publish)
            else:
                summary, label = self.import_file(location, owner, publish)
        except (remote.FetchError, importer.FeedError) as error:
            raise CommandError(f"{location}: {importer.error_message(str(error))}") from None
        self.report(label, summary)

    def import_address(self, url, owner, source_name, publish):
        remote.check_url(url)  # refused before anything is stored
        source, created = CalendarSource.objects.get_or_create(
            organisation=owner,
            url=url,
            defaults={"name": source_name or urlsplit(url).hostname, "publish_directly": publish},
        )
        if not created and publish and not source.publish_directly:
            source.publish_directly = True
            source.save(update_fields=["publish_directly"])
        if created:
            self.stdout.write(f"New imported calendar “{source.name}” for {owner.name}.")
        return importer.import_source(source, progress=self.progress, force=True), source.name

    def import_file(self, path, owner, publish):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        with transaction.atomic():
            summary = importer.import_calendar(data, organisation=owner, publish=publish, progress=self.progress)
        return summary, path

    def report(self, label, summary):
        self.stdout.write(self.style.SUCCESS(f"Imported: {label}"))
        if summary.not_modified:
            self.stdout.write("  The calendar has not changed since the last import.")
        for name in ("created", "updated", "deleted", "unchanged"):
            self.stdout.write(f"  {name:<10} {getattr(summary, name):>5}")
        self.stdout.write(f"  {'skipped':<10} {len(summary.skipped):>5}")
        for reference, code in summary.skipped:
            self.stdout.write(f"    - {importer.skip_reference(reference)}: {importer.skip_reason(code)}")
        for reference, code in summary.warnings:
            self.stdout.write(self.style.WARNING(f"  note: {reference}: {importer.skip_reason(code)}"))
