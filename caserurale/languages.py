"""Réunion Creole is not one of Django's languages: teach Django about it.

Django looks a language up in ``LANG_INFO`` for its names and direction, and
``check_for_language`` accepts it only once a compiled ``locale/rcf`` catalogue
exists (``site/locale/rcf/LC_MESSAGES/django.mo``). A string missing from the
Creole catalogue falls back to French, the default language, never to English.
"""

from django.conf.locale import LANG_INFO

CREOLE = "rcf"

LANG_INFO.setdefault(
    CREOLE,
    {
        "bidi": False,
        "code": CREOLE,
        "name": "Reunion Creole",
        "name_local": "Kréol rényoné",
    },
)

LANGUAGES = [
    ("fr", "Français"),
    (CREOLE, "Kréol rényoné"),
]
