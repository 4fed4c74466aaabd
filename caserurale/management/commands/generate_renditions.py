"""`manage.py generate_renditions`: makes every size the site shows of every image that lacks one.

New images are resized when saved (a Celery task); this is for images uploaded before, or after
a size is added to caserurale.renditions. Renditions that exist are kept, so it can run again.
"""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from caserurale import renditions

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Makes the missing renditions (every size in caserurale.renditions) of every image."

    def handle(self, *args, **options):
        images = get_image_model().objects.order_by("pk")
        total = images.count()
        specs = len(renditions.all_specs())
        self.stdout.write(f"{total} images, {specs} renditions each.")
        made = already = missing_files = 0
        for done, image in enumerate(images.iterator(), start=1):
            count = renditions.generate(image)
            if count is None:
                missing_files += 1
            else:
                made += count
                already += specs - count
            self.progress(done, total)
        self.stdout.write(self.style.SUCCESS(f"Renditions made: {made}"))
        self.stdout.write(f"  already there: {already}")
        if missing_files:
            self.stdout.write(self.style.WARNING(f"  images whose file is missing: {missing_files}"))

    def progress(self, done, total):
        """A bar on stderr: redrawn in place on a terminal, a line every 10 % otherwise."""
        on_terminal = self.stderr.isatty()
        if not on_terminal and done != total and done % max(1, total // 10):
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        ending = "\r" if on_terminal and done < total else "\n"
        self.stderr.write(f"  [{bar}] {done:>4}/{total} images", ending=ending)
        self.stderr.flush()
