from django.conf import settings
from django.core.management.base import BaseCommand

from search import elastic_sync
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
        if settings.ELASTICSEARCH_URL:
            self.stdout.write(f"Elasticsearch ({settings.ELASTICSEARCH_INDEX}):")
            sent = elastic_sync.rebuild(progress)
            self.stdout.write(self.style.SUCCESS(f"{sent} entries sent to Elasticsearch."))
