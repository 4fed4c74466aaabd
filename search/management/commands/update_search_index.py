from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuilds the site search index (pages, events, calls, organisations, places, shared objects)."

    def handle(self, *args, **options):
        def progress(kind, done, total):
            self.stdout.write(f"\r  {kind.name}: {done}/{total}", ending="")
            if done == total:
                self.stdout.write("")
            self.stdout.flush()

        entries = rebuild(progress)
        self.stdout.write(self.style.SUCCESS(f"{entries} entries indexed."))
