"""Synonyms from docs/glossaire-kreol.md and the field's words, then the whole index."""

from wagtail.models import Locale

from search.indexing import rebuild
from search.models import SynonymGroup

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


def run(progress):
    french = Locale.objects.get(language_code="fr")
    for name, words in SYNONYMS.items():
        _, created = SynonymGroup.objects.get_or_create(locale=french, name=name, defaults={"words": words})
        if created:
            progress(f"Synonyms: {name}")
    entries = rebuild()
    progress(f"Search index: {entries} entries")
