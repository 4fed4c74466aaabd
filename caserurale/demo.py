"""Demo content helpers shared by every app's ``demo/seed.py``.

Demo text is written as ``T(fr, rcf)`` pairs; the French builds the objects, and the pairs become
the translation memory that wagtail-localize's own PO import uses to translate them into Creole.
"""

import html
from typing import NamedTuple

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

# URLs and hashtags stay the same in both languages.
KEPT_AS_IS = {"slug", "hashtags"}


class T(NamedTuple):
    fr: str
    rcf: str


class MissingTranslation(Exception):
    pass


class InconsistentTranslation(ValueError):
    pass


def translation_memory(*values):
    """Every French string found in ``values`` (nested dicts, lists, tuples) mapped to its Creole.

    Refuses an empty text, and a French text given two different Creole translations: one
    wording per term, from page to page (docs/glossaire-kreol.md).
    """
    memory = {}

    def walk(value):
        if isinstance(value, T):
            if not value.fr.strip() or not value.rcf.strip():
                raise InconsistentTranslation(f"empty text in {value!r}")
            if memory.setdefault(value.fr, value.rcf) != value.rcf:
                raise InconsistentTranslation(f"two Creole translations of {value.fr!r}")
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for value in values:
        walk(value)
    return memory


def creole_for(memory, segment):
    """The Creole of a segment; wagtail-localize hands plain text over HTML-escaped ("&amp;")."""
    if segment in memory:
        return memory[segment]
    plain = html.unescape(segment)
    if plain in memory:
        return html.escape(memory[plain], quote=False)
    return None


def translate_into_creole(instance, memory):
    """Translate a page or snippet through wagtail-localize, from the memory, and publish it.

    One transaction per object: wagtail-localize publishes a translation when its transaction
    commits, from the page as it was then; publishing a parent after its children were added
    would write back a stale child count and hide them.
    """
    creole = Locale.objects.get(language_code="rcf")
    with transaction.atomic():
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=creole, defaults={"enabled": True}
        )
        po = translation.export_po()
        missing = []
        for entry in po:
            text = creole_for(memory, entry.msgid)
            if text is not None:
                entry.msgstr = text
            elif entry.msgctxt in KEPT_AS_IS:
                entry.msgstr = entry.msgid
            else:
                missing.append(f"{entry.msgctxt}: {entry.msgid}")
        if missing:
            raise MissingTranslation(f"No Creole translation for {instance}: " + "; ".join(missing))
        translation.import_po(po, tool_name="demo content")
        translation.save_target(publish=True)
