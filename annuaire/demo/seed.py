# ruff: noqa: E501 (demo data reads best one record a line)
"""The partners of the framing document, their circles, and one demo account per role."""

import base64

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale

from annuaire.access import COORDINATORS_GROUP
from annuaire.models import Audience, Circle, MemberProfile, Membership, Organisation, Place, Theme
from caserurale.demo import T

DEMO_PASSWORD = "Partenaire-demo-2030"  # noqa: S105 (printed by make run, local demo only)

ORGANISATIONS = [
    (
        "Commune de Trois-Bassins — La Case Rurale",
        "public_body",
        True,
        "La Case Rurale, tiers-lieu et plateforme de coopération portée par la commune : accueil, orientation et accompagnement des projets des habitants.",
    ),
    (
        "Médiathèque L'Alambic",
        "public_body",
        True,
        "Médiathèque et tiers-lieu : coworking, fibre optique, cafétéria et animations ; accueille la Case Rurale Projet.",
    ),
    (
        "CCAS — Épicerie sociale Mon Bertel",
        "public_body",
        True,
        "Centre communal d'action sociale et épicerie sociale : aide alimentaire, paniers et ateliers du bien-manger.",
    ),
    ("Pôle LENA", "association", True, "Lieu partenaire du réseau de la Case Rurale."),
    (
        "Cyberun",
        "association",
        True,
        "Association de fabrication numérique : machines, imprimantes 3D et animations ouvertes aux habitants et aux scolaires.",
    ),
    (
        "Collège de Trois-Bassins",
        "public_body",
        False,
        "Collège situé face à l'Alambic, intéressé par les imprimantes 3D du futur Fablab.",
    ),
    (
        "EITI Met zot en lèr",
        "association",
        True,
        "Entreprise d'insertion par le travail indépendant : couveuse et test d'activités.",
    ),
    ("CFPPA", "public_body", False, "Formation professionnelle agricole : renforcement technique à la production."),
    (
        "Réseau Cocagne — jardin d'insertion",
        "association",
        True,
        "Chantier d'insertion en maraîchage biologique : paniers, circuits courts.",
    ),
]
CIRCLES = [
    (
        "Comité de coopération transversale",
        "PAT, CTG, PVD, CCAS et Alambic : la coordination des dispositifs de la ville au service d'un développement cohérent.",
        ["Commune de Trois-Bassins — La Case Rurale", "Médiathèque L'Alambic", "CCAS — Épicerie sociale Mon Bertel"],
    ),
    (
        "Fabrique Case Rurale",
        "Le groupe de travail du Projet alimentaire territorial qui prépare la Case Rurale.",
        ["Commune de Trois-Bassins — La Case Rurale", "Cyberun", "Pôle LENA", "EITI Met zot en lèr"],
    ),
    (
        "Partenaires du PAT",
        "Les acteurs du Projet alimentaire territorial : production, insertion, alimentation.",
        ["Réseau Cocagne — jardin d'insertion", "CFPPA", "CCAS — Épicerie sociale Mon Bertel"],
    ),
]
# (name, organisation, address, latitude, longitude, step-free, accessibility, opening hours). Points are approximate.
PLACES = [
    (
        "Médiathèque L'Alambic",
        "Médiathèque L'Alambic",
        "Route Hubert-Delisle\n97426 Trois-Bassins",
        "-21.104300",
        "55.296100",
        True,
        "Plain-pied, places de stationnement réservées, toilettes accessibles.",
        "Du mardi au samedi, 9 h – 17 h",
    ),
    (
        "La Case Rurale",
        ORGANISATIONS[0][0],
        "À la médiathèque L'Alambic\nRoute Hubert-Delisle\n97426 Trois-Bassins",
        "-21.104350",
        "55.296250",
        True,
        "Espace d'accueil de plain-pied, en côte à côte.",
        "Du mardi au samedi, 9 h – 17 h",
    ),
    (
        "Épicerie sociale Mon Bertel",
        "CCAS — Épicerie sociale Mon Bertel",
        "97426 Trois-Bassins",
        "-21.101900",
        "55.299800",
        True,
        "Accès de plain-pied.",
        "Lundi, mercredi et vendredi matin",
    ),
    (
        "Pôle LENA",
        "Pôle LENA",
        "97426 Trois-Bassins",
        "-21.108200",
        "55.302400",
        False,
        "Accès par quelques marches.",
        "",
    ),
    (
        "Local de Cyberun",
        "Cyberun",
        "97426 Trois-Bassins",
        "-21.105100",
        "55.293700",
        False,
        "Premier étage sans ascenseur.",
        "Mercredi et samedi après-midi",
    ),
]
# (e-mail, first name, last name, organisation, role, job title, coordinator?)
ACCOUNTS = [
    (
        "coordination@caserurale.re",
        "Nadia",
        "Hoarau",
        ORGANISATIONS[0][0],
        "admin",
        "Chargée de mission Case Rurale",
        True,
    ),
    (
        "admin@alambic.re",
        "Jean-Marc",
        "Payet",
        "Médiathèque L'Alambic",
        "admin",
        "Responsable de la médiathèque",
        False,
    ),
    ("membre@alambic.re", "Sophie", "Grondin", "Médiathèque L'Alambic", "member", "Animatrice", False),
    ("membre@cyberun.re", "Kevin", "Técher", "Cyberun", "member", "Animateur Fablab", False),
    (
        "membre@cocagne.re",
        "Marie-Claire",
        "Boyer",
        "Réseau Cocagne — jardin d'insertion",
        "member",
        "Encadrante maraîchage",
        False,
    ),
]
ROLES = {
    "coordination@caserurale.re": "coordinator (Case Rurale team)",
    "admin@alambic.re": "admin of Médiathèque L'Alambic",
    "membre@alambic.re": "member of Médiathèque L'Alambic",
    "membre@cyberun.re": "member of Cyberun (another organisation)",
    "membre@cocagne.re": "member of Réseau Cocagne (circle “Partenaires du PAT”)",
}


# Coordinators and editors must use a second factor: the demo accounts share this key
# (base32 for authenticator apps below), so a newcomer can sign in with any TOTP app.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


def demo_totp_secret():
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def give_demo_second_factor(user, progress):
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        progress(f"Second facteur de démonstration pour {user.email}")
        TOTPDevice.objects.create(user=user, name="démo", key=DEMO_TOTP_KEY, confirmed=True)


# The shared vocabularies of events, organisations and funding calls, in French and Creole.
THEMES = [
    T("Agriculture et alimentation", "Agrikiltir é manzé"),
    T("Numérique", "Nimérik"),
    T("Culture et patrimoine", "Kiltir é éritaz"),
    T("Emploi et formation", "Travay é formasion"),
    T("Environnement", "Lanvironman"),
    T("Solidarité", "Solidarité"),
    T("Vie associative", "Lavi asosiativ"),
    T("Artisanat", "Artizana"),
]
AUDIENCES = [
    T("Tout public", "Tout moun"),
    T("Familles", "Bann fanmi"),
    T("Jeunes", "Bann zèn"),
    T("Seniors", "Bann gramoun"),
    T("Agriculteurs", "Bann plantèr"),
    T("Associations", "Bann asosiasion"),
    T("Porteurs de projet", "Bann portèr prozè"),
    T("Entreprises", "Bann lantrepriz"),
    T("Collectivités et établissements publics", "Bann kolèktivité é établisman piblik"),
]


def seed_labels(model, kind, labels, progress):
    french, creole = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf")
    for label in labels:
        original = model.objects.filter(locale=french, name=label.fr).first()
        if original is None:
            progress(f"{kind} « {label.fr} »")
            original = model.objects.create(locale=french, name=label.fr)
        if not model.objects.filter(translation_key=original.translation_key, locale=creole).exists():
            translation = original.copy_for_translation(creole)
            translation.name = label.rcf
            translation.save()


@transaction.atomic
def run(progress):
    seed_labels(Theme, "Thème", THEMES, progress)
    seed_labels(Audience, "Public", AUDIENCES, progress)
    organisations = {}
    for name, kind, public, description in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            progress(f"Organisation « {name} »")
            organisation = Organisation.objects.create(
                name=name, kind=kind, public_profile=public, description=description
            )
        organisations[name] = organisation
    for name, description, members in CIRCLES:
        circle = Circle.objects.filter(name=name).first()
        if circle is None:
            progress(f"Cercle « {name} »")
            circle = Circle.objects.create(name=name, description=description)
            circle.organisations.set([organisations[member] for member in members])
    for name, owner, address, latitude, longitude, step_free, accessibility, hours in PLACES:
        if not Place.objects.filter(name=name).exists():
            progress(f"Lieu « {name} »")
            Place.objects.create(
                name=name,
                organisation=organisations[owner],
                address=address,
                latitude=latitude,
                longitude=longitude,
                step_free_access=step_free,
                accessibility=accessibility,
                opening_hours=hours,
            )
    User = get_user_model()
    coordinators = Group.objects.get_or_create(name=COORDINATORS_GROUP)[0]
    for email, first, last, organisation, role, job, coordinator in ACCOUNTS:
        if User.objects.filter(username=email).exists():
            continue
        progress(f"Compte de démonstration {email}")
        user = User.objects.create_user(
            username=email, email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
        MemberProfile.objects.create(user=user, job_title=job, show_email=True)
        if coordinator:
            user.groups.add(coordinators)
        Membership.objects.create(user=user, organisation=organisations[organisation], role=role)
    for user in User.objects.filter(groups=coordinators) | User.objects.filter(is_superuser=True):
        give_demo_second_factor(user, progress)
    return {
        "title": "Partners' space (http://127.0.0.1:8000/extranet/), password " + DEMO_PASSWORD,
        "logins": [
            *(f"{email} — {role}" for email, role in ROLES.items()),
            f"Second factor of the coordinator and the admin: add the key {demo_totp_secret()} to a TOTP app",
        ],
    }
