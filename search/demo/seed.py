"""Synonyms from docs/glossaire-kreol.md and the field's words, then the whole index."""

from wagtail.models import Locale

from search.indexing import rebuild
from search.models import SearchEntry, SynonymGroup

# French ↔ Creole (the glossary's spelling) ↔ the words residents and partners use.
SYNONYMS = {
    "financement": "subvention, financement, aide, AAP, AMI, appel à projets, fon, finansman, lidé",
    "travail": "travail, emploi, travay, boulot, job, insertion, embauche",
    "école": "lékol, école, collège, lycée, scolaire, élève",
    "maison": "kaz, case, maison, logement",
    "projet": "projet, prozè",
    "accompagnement": "accompagnement, lakonpagnman, accompagner, akonpagn, aide",
    "épicerie": "épicerie, lépisri, courses, manger, alimentation",
    "jardin": "jardin, zardin, potager, agriculture, cultiver",
    "atelier": "atelier, latélié, formation",
    "numérique": "numérique, nimérik, informatique, ordinateur, internet",
    "association": "association, asosiasion, asso",
    "agriculteur": "agriculteur, planteur, fermier, agriculture",
    "habitant": "habitant, abitan",
    "commune": "commune, komin, mairie",
}


# Their Creole translations (wagtail-localize copies): the Creole name, and the Creole spellings
# residents also type, added to the French words they keep (Creole readers type French too).
SYNONYMS_RCF = {
    "financement": ("finansman", "subvension, lèd"),
    "travail": ("travay", "anplwa, lanbosh"),
    "école": ("lékol", "kolèz, zélèv"),
    "maison": ("kaz", "lakaz, kartié"),
    "projet": ("prozè", "portèr prozè"),
    "accompagnement": ("lakonpagnman", "akonpagné, gid"),
    "épicerie": ("lépisri", "lépisri sosial, manzé"),
    "jardin": ("zardin", "zardin lékol, plantasion"),
    "atelier": ("latélié", "lanimasion"),
    "numérique": ("nimérik", "ordinatèr, imèl"),
    "association": ("asosiasion", "organizasion"),
    "agriculteur": ("plantèr", "agrikiltir, agroékolozi, prodiktèr"),
    "habitant": ("abitan", "moun, izazé"),
    "commune": ("komin", "la méri"),
}


def run(progress):
    french = Locale.objects.get(language_code="fr")
    creole = Locale.objects.get(language_code="rcf")
    before = SearchEntry.objects.count()
    for name, words in SYNONYMS.items():
        original, created = SynonymGroup.objects.get_or_create(locale=french, name=name, defaults={"words": words})
        if created:
            progress(f"Synonyms: {name}")
        if name in SYNONYMS_RCF and not original.has_translation(creole):
            translation = original.copy_for_translation(creole)
            translation.name, extra = SYNONYMS_RCF[name]
            translation.words = f"{original.words}, {extra}"
            translation.save()
            progress(f"Synonyms in Creole: {translation.name}")
    # Rebuilt every time (a test may have emptied the index), told only when it changed, so that
    # seeding a complete demo again still says "nothing to do".
    entries = rebuild()
    if entries != before:
        progress(f"Search index: {entries} entries")
