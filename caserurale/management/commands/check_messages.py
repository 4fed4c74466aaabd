"""Fails when the translation catalogues are stale, incomplete or not compiled.

1. up to date: ``makemessages`` would change nothing (the creation date aside);
2. complete: every interface string is translated, none fuzzy, in French and Creole;
3. compiled: each ``.mo`` holds exactly the translations of its ``.po``.
"""

import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LOCALES = ["fr", "rcf"]
DOMAINS = ["django", "djangojs"]


def catalogue_text(path):
    """A catalogue without the line that changes at every run."""
    if not path.exists():
        return None
    return "".join(line for line in path.read_text().splitlines(True) if not line.startswith('"POT-Creation-Date'))


def messages(catalogue):
    entries = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        value = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        entries[(entry.msgctxt, entry.msgid)] = value
    return entries


class Command(BaseCommand):
    help = "Checks that the translation catalogues are up to date, complete and compiled."

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        problems = self.check_up_to_date(locale_dir)
        for language in LOCALES:
            for domain in DOMAINS:
                po_path = locale_dir / language / "LC_MESSAGES" / f"{domain}.po"
                if po_path.exists():
                    problems += self.check_catalogue(po_path)
            if not (locale_dir / language / "LC_MESSAGES" / "django.po").exists():
                problems.append(f"{language}: no django.po catalogue")
        if problems:
            raise CommandError("Translation catalogues need work (run `make messages`):\n  " + "\n  ".join(problems))
        self.stdout.write(self.style.SUCCESS("Translation catalogues: up to date, complete and compiled."))

    def check_up_to_date(self, locale_dir):
        with tempfile.TemporaryDirectory() as saved:
            backup = Path(saved) / "locale"
            shutil.copytree(locale_dir, backup)
            try:
                call_command(
                    "makemessages",
                    locale=LOCALES,
                    no_location=True,
                    no_obsolete=True,
                    ignore_patterns=[".venv/*", "node_modules/*", "var/*"],
                    verbosity=0,
                )
                stale = [
                    str(path.relative_to(locale_dir))
                    for path in sorted(locale_dir.rglob("*.po"))
                    if catalogue_text(path) != catalogue_text(backup / path.relative_to(locale_dir))
                ]
            finally:
                shutil.rmtree(locale_dir)
                shutil.copytree(backup, locale_dir)
        return [f"{path}: not up to date with the source code" for path in stale]

    def check_catalogue(self, po_path):
        problems = []
        catalogue = polib.pofile(str(po_path))
        untranslated = [entry.msgid for entry in catalogue.untranslated_entries() if not entry.obsolete]
        fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
        if untranslated:
            problems.append(f"{po_path.parent.parent.name}: {len(untranslated)} untranslated, e.g. {untranslated[0]!r}")
        if fuzzy:
            problems.append(f"{po_path.parent.parent.name}: {len(fuzzy)} fuzzy, e.g. {fuzzy[0]!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{mo_path.name} for {po_path.parent.parent.name}: not compiled")
        elif messages(polib.mofile(str(mo_path))) != messages(catalogue):
            problems.append(f"{po_path.parent.parent.name}/{mo_path.name}: compiled from an older catalogue")
        return problems
