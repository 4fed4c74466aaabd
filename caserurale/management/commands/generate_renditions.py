"""`manage.py generate_renditions`: makes every size the site shows of every image that lacks one.

New images are resized when saved (a Celery task); this is for images uploaded before, or after
a size is added to caserurale.renditions. Renditions that exist are kept, so it can run again.
"""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from caserurale import renditions
from caserurale.progress import ProgressBarMixin


class Command(ProgressBarMixin, BaseCommand):
    progress_noun = "images"
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
