# ruff: noqa: E501 (demo data reads best one record a line)
"""The partners of the framing document, their circles, and one demo account per role."""

import base64

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale

from annuaire.access import COORDINATORS_GROUP
from annuaire.models import (
    Audience,
    Circle,
    MemberProfile,
    Membership,
    Organisation,
    OrganisationDescription,
    Place,
    Service,
    Theme,
)
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
    ("CFPPA", "public_body", True, "Formation professionnelle agricole : renforcement technique à la production."),
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


# What each organisation does, in Creole (the French text is the organisation's own description).
CREOLE_DESCRIPTIONS = {
    "Commune de Trois-Bassins — La Case Rurale": "La Case Rurale, tiers-lieu é plateform kopérasion la komin : nou akèy, nou oriant é nou akonpagn bann prozè bann abitan.",
    "Médiathèque L'Alambic": "Médiatèk é tiers-lieu : koworking, lafib, kafétéria é bann animasion ; li akèy La Case Rurale Prozè.",
    "CCAS — Épicerie sociale Mon Bertel": "Sant komunal laksion sosial é lépisri sosial : èd pou manzé, panyé é latélié pou bien manzé.",
    "Pôle LENA": "Lieu partnèr rézo La Case Rurale : lespas tès agrikol é pré-instalasion.",
    "Cyberun": "Asosiasion fabrikasion nimérik : bann machine, enprimant 3D é animasion pou bann abitan é bann zélèv.",
    "EITI Met zot en lèr": "Lantrepriz linsersion par lo travay indépandan : kouvez é tès laktivité.",
    "CFPPA": "Formasion profésionèl agrikol : pou aprann mié travay la tèr.",
    "Réseau Cocagne — jardin d'insertion": "Shantié linsersion an maréshaz bio : panyé, sirkui kour.",
}

# (organisation, kind, name, summary, reach, when, contact, cost, themes, audiences, places), from the framing document.
SERVICES = [
    (
        "Commune de Trois-Bassins — La Case Rurale",
        "welcome",
        T("Accueil et orientation", "Lakèy é gid ver lo bon moun"),
        T(
            "Un seul point d'entrée pour savoir qui fait quoi et trouver le bon interlocuteur pour votre projet.",
            "In sèl lantré pou konèt kisa i fé koi é trouv lo bon moun pou out prozè.",
        ),
        "walk_in",
        T("Du mardi au samedi, 9 h – 17 h", "Mardi ziska samdi, 9 h – 17 h"),
        T("À l'accueil de la médiathèque L'Alambic", "Lakèy la médiatèk L'Alambic"),
        T("", ""),
        ["Solidarité", "Vie associative"],
        ["Tout public", "Porteurs de projet", "Associations"],
        ["La Case Rurale"],
    ),
    (
        "Commune de Trois-Bassins — La Case Rurale",
        "support",
        T("Accompagnement des projets d'habitants", "Lakonpagnman bann prozè abitan"),
        T(
            "Un rendez-vous pour faire le point sur votre idée, votre association ou votre installation, puis vous mettre en lien avec le réseau.",
            "In randévou pou fé lo pwin si out lidé, out asosiasion ou out instalasion, é mèt aou an lien avèk lo rézo.",
        ),
        "appointment",
        T("Sur rendez-vous", "Si randévou"),
        T("Prendre rendez-vous à l'accueil de la Case Rurale", "Pran randévou lakèy La Case Rurale"),
        T("", ""),
        ["Vie associative", "Emploi et formation"],
        ["Porteurs de projet", "Associations", "Agriculteurs"],
        ["La Case Rurale"],
    ),
    (
        "Médiathèque L'Alambic",
        "equipment",
        T("Coworking et accès à la fibre", "Koworking é lafib"),
        T(
            "Des postes de travail, la fibre optique et une cafétéria pour travailler près de chez soi.",
            "Bann plas pou travay, lafib é in kafétéria pou travay pré lakaz.",
        ),
        "walk_in",
        T("Du mardi au samedi, 9 h – 17 h", "Mardi ziska samdi, 9 h – 17 h"),
        T("", ""),
        T("", ""),
        ["Numérique"],
        ["Tout public", "Porteurs de projet", "Entreprises"],
        ["Médiathèque L'Alambic"],
    ),
    (
        "CCAS — Épicerie sociale Mon Bertel",
        "food",
        T("Aide alimentaire à l'épicerie sociale", "Èd pou manzé lépisri sosial"),
        T(
            "Des produits à petit prix et des paniers pour les foyers orientés par le CCAS.",
            "Manzé pa shèr é bann panyé pou bann fanmi lo CCAS i anvoy.",
        ),
        "appointment",
        T("Lundi, mercredi et vendredi matin", "Lindi, mèrkredi é vandredi bomatin"),
        T("Rendez-vous avec un travailleur social du CCAS", "Randévou avèk in travayèr sosial lo CCAS"),
        T("Petite participation selon les ressources", "Ti partisipasion dapré out moyin"),
        ["Agriculture et alimentation", "Solidarité"],
        ["Familles", "Seniors"],
        ["Épicerie sociale Mon Bertel"],
    ),
    (
        "CCAS — Épicerie sociale Mon Bertel",
        "training",
        T("Ateliers du bien-manger", "Latelié pou bien manzé"),
        T("Cuisiner les légumes du pays, manger sain à petit prix.", "Kui bann légim péi, manz bien san dépans tro."),
        "contact",
        T("Un mercredi par mois", "In mèrkredi par moi"),
        T("S'inscrire auprès de l'épicerie sociale", "Inskri aou lépisri sosial"),
        T("", ""),
        ["Agriculture et alimentation", "Solidarité"],
        ["Familles", "Tout public"],
        ["Épicerie sociale Mon Bertel"],
    ),
    (
        "Cyberun",
        "digital",
        T("Aide aux démarches en ligne", "Èd pou bann démarsh si internet"),
        T(
            "Un animateur vous aide à remplir un formulaire en ligne, créer une adresse e-mail ou utiliser votre téléphone.",
            "In animatèr i èd aou ranpli in formilèr si internet, kré in adrès imèl ou sèrv out téléfon.",
        ),
        "walk_in",
        T("Mercredi et samedi après-midi", "Mèrkredi é samdi laprémidi"),
        T("", ""),
        T("", ""),
        ["Numérique", "Solidarité"],
        ["Tout public", "Seniors"],
        ["Local de Cyberun"],
    ),
    (
        "Cyberun",
        "equipment",
        T("Fablab : imprimantes 3D et machines", "Fablab : enprimant 3D é bann machine"),
        T(
            "Imprimer, découper, fabriquer : les machines du fablab et quelqu'un pour apprendre à s'en servir.",
            "Enprim, koup, fabrik : bann machine fablab é in moun pou aprann aou sèrv azot.",
        ),
        "contact",
        T("Mercredi et samedi après-midi", "Mèrkredi é samdi laprémidi"),
        T("Réserver une machine auprès de Cyberun", "Rézèrv in machine avèk Cyberun"),
        T("Adhésion à l'association", "Ladézion lasosiasion"),
        ["Numérique", "Artisanat"],
        ["Jeunes", "Porteurs de projet", "Associations"],
        ["Local de Cyberun"],
    ),
    (
        "CFPPA",
        "training",
        T("Formations agricoles", "Formasion agrikol"),
        T(
            "Renforcement technique à la production, pour les agriculteurs et les futurs agriculteurs.",
            "Pou bann plantèr é bann fitir plantèr aprann mié travay la tèr.",
        ),
        "contact",
        T("Sessions toute l'année", "Bann sésion tout lané"),
        T("Se renseigner auprès du CFPPA", "Domann lo CFPPA"),
        T("Prise en charge possible selon votre situation", "I pé ète pri an sharz dapré out sitiasion"),
        ["Agriculture et alimentation", "Emploi et formation"],
        ["Agriculteurs", "Porteurs de projet"],
        [],
    ),
    (
        "EITI Met zot en lèr",
        "hosting",
        T("Couveuse : test d'activité en contrat CAPE", "Kouvez : tès laktivité an kontra CAPE"),
        T(
            "Tester votre activité d'un à trois ans avec un contrat CAPE, accompagné, avant de créer votre entreprise.",
            "Tès out laktivité in a troi lané avèk in kontra CAPE, akonpagné, avan kré out lantrepriz.",
        ),
        "appointment",
        T("Sur rendez-vous", "Si randévou"),
        T("Prendre rendez-vous avec l'EITI", "Pran randévou avèk l'EITI"),
        T("", ""),
        ["Emploi et formation", "Artisanat"],
        ["Porteurs de projet"],
        ["Pôle LENA"],
    ),
    (
        "EITI Met zot en lèr",
        "support",
        T("Chantier d'insertion « agriculture résiliente »", "Shantié linsersion « agrikiltir rézilian »"),
        T(
            "Un emploi en CDDI d'un à deux ans pour reprendre pied, avec un accompagnement vers l'emploi durable.",
            "In travay an CDDI in a dé lané pou ropran pié, avèk in lakonpagnman ver in travay ki dir.",
        ),
        "contact",
        T("Recrutements plusieurs fois par an", "I anbosh plizyèr foi par lané"),
        T("Par France Travail ou l'accueil de la Case Rurale", "Par France Travail ou lakèy La Case Rurale"),
        T("", ""),
        ["Emploi et formation", "Agriculture et alimentation"],
        ["Jeunes", "Tout public"],
        [],
    ),
    (
        "Réseau Cocagne — jardin d'insertion",
        "support",
        T("Jardin d'insertion en maraîchage bio", "Zardin linsersion an maréshaz bio"),
        T(
            "Un contrat CDDI au jardin : produire des légumes bio, préparer les paniers, apprendre un métier.",
            "In kontra CDDI o zardin : fé pous légim bio, prépar bann panyé, aprann in métié.",
        ),
        "contact",
        T("Recrutements toute l'année", "I anbosh tout lané"),
        T("Par France Travail ou la mission locale", "Par France Travail ou la mision lokal"),
        T("", ""),
        ["Agriculture et alimentation", "Emploi et formation"],
        ["Jeunes", "Tout public"],
        [],
    ),
    (
        "Réseau Cocagne — jardin d'insertion",
        "food",
        T("Paniers de légumes en circuit court", "Panyé légim an sirkui kour"),
        T("Des paniers de légumes bio du jardin, chaque semaine.", "Bann panyé légim bio lo zardin, toulé smenn."),
        "contact",
        T("Chaque semaine", "Toulé smenn"),
        T("Commander auprès du jardin", "Komand o zardin"),
        T("Prix solidaire selon les ressources", "Pri solidèr dapré out moyin"),
        ["Agriculture et alimentation", "Solidarité"],
        ["Familles", "Tout public"],
        ["Épicerie sociale Mon Bertel"],
    ),
    (
        "Pôle LENA",
        "hosting",
        T("Espace test agricole", "Lespas tès agrikol"),
        T(
            "Une parcelle, du matériel et un tuteur pour tester votre installation en agroécologie avant de vous lancer.",
            "In parsèl, matéryèl é in titèr pou tès out instalasion an agroékolozi avan lans aou.",
        ),
        "appointment",
        T("Entrées en test deux fois par an", "Lantré an tès dé foi par lané"),
        T("Candidature après un rendez-vous à la Case Rurale", "Kandidatir apré in randévou La Case Rurale"),
        T("", ""),
        ["Agriculture et alimentation", "Environnement"],
        ["Agriculteurs", "Porteurs de projet"],
        ["Pôle LENA"],
    ),
    (
        "Pôle LENA",
        "support",
        T("Pré-installation agricole en agroécologie", "Pré-instalasion agrikol an agroékolozi"),
        T(
            "Construire votre projet d'installation hors cadre familial, jusqu'à la coopérative d'installation (CIAP).",
            "Mont out prozè instalasion kan out fanmi lé pa plantèr, ziska la kopérativ instalasion (CIAP).",
        ),
        "appointment",
        T("Sur rendez-vous", "Si randévou"),
        T("Prendre rendez-vous à la Case Rurale", "Pran randévou La Case Rurale"),
        T("", ""),
        ["Agriculture et alimentation", "Environnement"],
        ["Agriculteurs", "Porteurs de projet"],
        ["Pôle LENA"],
    ),
]


def seed_services(organisations, progress):
    french, creole = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf")
    for name, text in CREOLE_DESCRIPTIONS.items():
        organisation = organisations[name]
        original = OrganisationDescription.objects.filter(organisation=organisation, locale=french).first()
        if original is None:
            original = OrganisationDescription.objects.create(
                organisation=organisation, locale=french, text=organisation.description
            )
        if not original.get_translations().filter(locale=creole).exists():
            translation = original.copy_for_translation(creole)
            translation.text = text
            translation.save()
    themes = {theme.name: theme for theme in Theme.objects.filter(locale=french)}
    audiences = {audience.name: audience for audience in Audience.objects.filter(locale=french)}
    places = {place.name: place for place in Place.objects.all()}
    for owner, kind, name, summary, reach, when, contact, cost, theme_names, audience_names, place_names in SERVICES:
        if Service.objects.filter(locale=french, name=name.fr, organisation=organisations[owner]).exists():
            continue
        progress(f"Service « {name.fr} »")
        service = Service.objects.create(
            locale=french,
            organisation=organisations[owner],
            kind=kind,
            name=name.fr,
            summary=summary.fr,
            reach=reach,
            when=when.fr,
            contact=contact.fr,
            cost=cost.fr,
        )
        service.themes.set([themes[theme] for theme in theme_names])
        service.audiences.set([audiences[audience] for audience in audience_names])
        service.places.set([places[place] for place in place_names])
        translation = service.copy_for_translation(creole)
        translation.name, translation.summary, translation.when = name.rcf, summary.rcf, when.rcf
        translation.contact, translation.cost = contact.rcf, cost.rcf
        translation.save()
        # The relations are copied on commit; the demo is one transaction, so copy them now.
        translation.themes.set(service.themes.all())
        translation.audiences.set(service.audiences.all())
        translation.places.set(service.places.all())


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
    seed_services(organisations, progress)
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
