"""Write French and Creole translations from a JSON list into the catalogues.

Each item: {"msgid", "msgid_plural" (or null), "fr", "fr_plural", "rcf", "rcf_plural"}.
Run `manage.py makemessages` first so that the entries exist; fuzzy guesses are replaced.
Usage: python scripts/apply_translations.py strings.json [more.json ...]
"""

import json
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "site" / "locale"


def apply(items, language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entries = {(entry.msgid, entry.msgid_plural or None): entry for entry in catalogue}
    missing = []
    for item in items:
        entry = entries.get((item["msgid"], item.get("msgid_plural") or None))
        if entry is None:
            missing.append(item["msgid"])
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: item[language], 1: item.get(f"{language}_plural") or item[language]}
        else:
            entry.msgstr = item[language]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    catalogue.save(str(path))
    return missing


if __name__ == "__main__":
    items = [item for name in sys.argv[1:] for item in json.loads(Path(name).read_text())]
    for language in ("fr", "rcf"):
        for msgid in apply(items, language):
            print(f"{language}: not in the catalogue: {msgid!r}", file=sys.stderr)
