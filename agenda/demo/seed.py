"""A few months of the network's agenda, from the framing document's examples, in French and Creole."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from agenda.events import Event
from agenda.recurrence import REUNION
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Audience, Organisation, Place, Theme
from caserurale.demo import T, translate_into_creole, translation_memory

# (title, summary, organiser, place, weekday (0 = Monday), start hour, duration in hours, rule, visibility, free)
EVENTS = [
    (
        T("Atelier fabrication de savon avec Nadine", "Latélié fabrikasion savon avèk Nadine"),
        T(
            "Fabriquez votre savon avec des produits d'ici, et repartez avec.",
            "Fabrik out savon avèk bann prodwi isi, é artourn avèk.",
        ),
        "Commune de Trois-Bassins — La Case Rurale",
        "La Case Rurale",
        4,
        17,
        1.5,
        "FREQ=MONTHLY;BYDAY=1FR;COUNT=4",
        Visibility.PUBLIC,
        True,
    ),
    (
        T("Marché éphémère des producteurs", "Marshé éfémèr bann prodiktèr"),
        T(
            "Les producteurs et artisans de Trois-Bassins au pied de la Case Rurale.",
            "Bann prodiktèr é bann artizan Trois-Bassins o pié La Case Rurale.",
        ),
        "Commune de Trois-Bassins — La Case Rurale",
        "La Case Rurale",
        4,
        18,
        3,
        "FREQ=MONTHLY;BYDAY=1FR;COUNT=4",
        Visibility.PUBLIC,
        True,
    ),
    (
        T("Atelier numérique : déposer un dossier en ligne", "Latélié nimérik : dépoz in dosié an lign"),
        T(
            "Avec le conseiller numérique France Services, sur les ordinateurs de l'Alambic.",
            "Avèk lo konséyé nimérik France Services, dsi bann ordinatèr L'Alambic.",
        ),
        "Médiathèque L'Alambic",
        "Médiathèque L'Alambic",
        2,
        14,
        2,
        "FREQ=WEEKLY;BYDAY=WE;COUNT=12",
        Visibility.PUBLIC,
        True,
    ),
    (
        T("Fablab ouvert", "Fablab ouvèr"),
        T(
            "Imprimantes 3D et découpe : venez apprendre ou partager vos savoir-faire.",
            "Bann inprimant 3D é la dékoup : vien aprann oubien partaz out savoir-fér.",
        ),
        "Cyberun",
        "Local de Cyberun",
        5,
        14,
        3,
        "FREQ=WEEKLY;BYDAY=SA;COUNT=12",
        Visibility.PUBLIC,
        True,
    ),
    (
        T("Café-causerie de la Case Rurale", "Kafé-kozé La Case Rurale"),
        T(
            "Un café, des idées, des voisins : le rendez-vous pour parler de vos projets.",
            "In kafé, bann lidé, bann vwazin : lo randévou pou koz out bann prozè.",
        ),
        "Commune de Trois-Bassins — La Case Rurale",
        "La Case Rurale",
        5,
        9,
        2,
        "FREQ=WEEKLY;BYDAY=SA;COUNT=12",
        Visibility.PUBLIC,
        True,
    ),
    (
        T("Réunion du groupe pilote", "Rényon lo group pilot"),
        T(
            "Les représentants des organisations partenaires font avancer le projet, chaque mois.",
            "Bann reprézantan bann organizasion partnèr i fé avans lo prozè, shak moi.",
        ),
        "Commune de Trois-Bassins — La Case Rurale",
        "Médiathèque L'Alambic",
        1,
        18,
        2,
        "FREQ=MONTHLY;BYDAY=1TU;COUNT=4",
        Visibility.PARTNERS,
        True,
    ),
]

# Themes and audiences of each event, by the slugs of the directory's vocabularies.
LABELS = {
    "Atelier fabrication de savon avec Nadine": (["artisanat"], ["tout-public", "familles"]),
    "Marché éphémère des producteurs": (["agriculture-et-alimentation"], ["tout-public", "agriculteurs"]),
    "Atelier numérique : déposer un dossier en ligne": (["numerique"], ["seniors", "porteurs-de-projet"]),
    "Fablab ouvert": (["numerique", "artisanat"], ["jeunes", "porteurs-de-projet"]),
    "Café-causerie de la Case Rurale": (["vie-associative", "solidarite"], ["tout-public"]),
    "Réunion du groupe pilote": (["vie-associative"], ["associations"]),
}

# Workshops with few seats take registrations through the site.
CAPACITY = {"Atelier fabrication de savon avec Nadine": 12}


def next_weekday(weekday, hour):
    today = timezone.localdate()
    day = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return datetime.combine(day, time(hour), tzinfo=REUNION)


def run(progress):
    memory = translation_memory(EVENTS)
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    places = {place.name: place for place in Place.objects.all()}
    for title, summary, organiser, place, weekday, hour, hours, rule, visibility, free in EVENTS:
        existing = Event.objects.filter(title=title.fr, locale__language_code="fr").first()
        if existing is not None:
            if not existing.get_translations().filter(locale__language_code="rcf").exists():
                translate_into_creole(existing, memory)  # a run stopped half-way is completed
            continue
        progress(f"Événement « {title.fr} »")
        start = next_weekday(weekday, hour)
        if rule.startswith("FREQ=MONTHLY;BYDAY=1"):
            # A "first weekday of the month" series starts on the first such day to come.
            while start.day > 7:
                start += timedelta(days=7)
        event = Event(
            title=title.fr,
            summary=summary.fr,
            owner=organisations[organiser],
            place=places[place],
            start=start,
            end=start + timedelta(hours=hours),
            recurrence_rule=rule,
            is_free=free,
            live=True,
            accessible_motor=places[place].step_free_access,
        )
        if title.fr in CAPACITY:
            event.registration, event.capacity = Event.Registration.FORM, CAPACITY[title.fr]
        event.full_clean()
        event.save()
        themes, audiences = LABELS[title.fr]
        event.themes.set(Theme.objects.filter(locale=event.locale, slug__in=themes))
        event.audiences.set(Audience.objects.filter(locale=event.locale, slug__in=audiences))
        access.share(event, visibility=visibility)
        event.save_revision().publish()
        translate_into_creole(event, memory)
