"""One command makes a living site from nothing: `manage.py load_demo_content`.

Each app that has demo content provides ``<app>.demo.seed.run(progress)``; the
apps are seeded in the order of INSTALLED_APPS. Running it again changes nothing.
"""

import importlib
import importlib.util
import logging
import time

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Creates the demo content (pages in French and Creole, images, settings, demo accounts)."

    def handle(self, *args, **options):
        # Wagtail logs every page it publishes; the progress lines below say it more briefly.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        started = time.monotonic()
        self.steps = 0
        logins = []
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo.seed"
            package = importlib.util.find_spec(f"{app_config.name}.demo")
            # A demo *package* with a seed module; caserurale.demo is only a helper module.
            if package is None or package.submodule_search_locations is None:
                continue
            if importlib.util.find_spec(module_name) is None:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo content: {app_config.verbose_name}"))
            result = importlib.import_module(module_name).run(self.progress)
            if result:
                logins.append(result)
        elapsed = time.monotonic() - started
        if self.steps:
            self.stdout.write(self.style.SUCCESS(f"Done: {self.steps} items created in {elapsed:.1f} s."))
        else:
            self.stdout.write(self.style.SUCCESS("The demo content is already there: nothing to do."))
        for login in logins:
            self.stdout.write(self.style.MIGRATE_HEADING(login["title"]))
            for line in login["logins"]:
                self.stdout.write(f"  {line}")

    def progress(self, message):
        self.steps += 1
        self.stdout.write(f"  [{self.steps:>3}] {message}")
        self.stdout.flush()
