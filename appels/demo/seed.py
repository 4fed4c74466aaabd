# ruff: noqa: E501 (demo data reads best one record a line)
"""Funding calls of the framing document (LEADER, PAT, AMI Région…), at every status and level, in French and Creole.

Dates are relative to the day the demo is built, so that a fresh demo always shows calls to come,
open, closing soon and closed.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Audience, Circle, Organisation, Theme
from appels.calls import Deadline, FundingCall, Interest, refresh_family_deadline_dates
from caserurale.demo import T, translate_into_creole, translation_memory

CASE_RURALE = "Commune de Trois-Bassins — La Case Rurale"

CALLS = [
    {
        "title": T("Fonds LEADER — projets ruraux du GAL Ouest", "Fon LEADER — bann prozè riral GAL Ouest"),
        "summary": T(
            "Des fonds européens pour les projets qui font vivre les Hauts de l'Ouest : agriculture, tourisme, services aux habitants.",
            "Bann fon éropéin pou bann prozè i fé viv lé-o : agrikiltir, tourism, bann servis pou bann abitan.",
        ),
        "eligibility": T(
            "Associations, communes, entreprises et agriculteurs du territoire du GAL Ouest.",
            "Bann asosiasion, bann komin, bann lantrepriz é bann plantèr lo tèritoir GAL Ouest.",
        ),
        "how_to_apply": T(
            "Une fiche projet d'abord, puis le dossier complet ; La Case Rurale vous aide à les préparer.",
            "In fish prozè pou koumans, apré lo dosié konplé ; La Case Rurale i édé aou pou prépar azot.",
        ),
        "owner": CASE_RURALE,
        "kind": FundingCall.Kind.CALL_FOR_PROJECTS,
        "programme": "LEADER (FEADER)",
        "funder_names": "Union européenne, GAL Ouest",
        "funders": [],
        "perimeter": FundingCall.Perimeter.WEST,
        "recurrence": FundingCall.Recurrence.RECURRING,
        "opens": -30,
        "deadlines": [(20, Deadline.Kind.PRE_SUBMISSION, ""), (45, Deadline.Kind.SUBMISSION, "")],
        "amounts": (Decimal("10000"), Decimal("200000")),
        "rate": 80,
        "themes": ["agriculture-et-alimentation", "vie-associative"],
        "beneficiaries": ["associations", "porteurs-de-projet", "collectivites-et-etablissements-publics"],
        "visibility": Visibility.PUBLIC,
        "url": "https://www.reunioneurope.org/",
        "contact": ("Nadia Hoarau", "coordination@caserurale.re", "0262 00 00 00"),
    },
    {
        "title": T(
            "Projet alimentaire territorial : initiatives locales pour bien manger",
            "Projet alimentaire territorial : bann linisiativ lokal pou bien manzé",
        ),
        "summary": T(
            "Un coup de pouce pour les jardins partagés, les paniers solidaires et les ateliers cuisine de Trois-Bassins.",
            "In ti kou d'pous pou bann zardin partazé, bann pannié solidèr é bann latélié kizin Trois-Bassins.",
        ),
        "eligibility": T(
            "Associations et collectifs d'habitants de Trois-Bassins.",
            "Bann asosiasion é bann kolèktif abitan Trois-Bassins.",
        ),
        "how_to_apply": T(
            "Un formulaire d'une page à déposer à la Case Rurale.",
            "In formilèr in paz pou dépoz La Case Rurale.",
        ),
        "owner": CASE_RURALE,
        "kind": FundingCall.Kind.CALL_FOR_PROJECTS,
        "programme": "PAT",
        "funder_names": "",
        "funders": [CASE_RURALE, "CCAS — Épicerie sociale Mon Bertel"],
        "perimeter": FundingCall.Perimeter.TROIS_BASSINS,
        "recurrence": FundingCall.Recurrence.RECURRING,
        "opens": -40,
        "deadlines": [(6, Deadline.Kind.SUBMISSION, "")],
        "amounts": (None, Decimal("5000")),
        "rate": None,
        "themes": ["agriculture-et-alimentation", "solidarite"],
        "beneficiaries": ["associations", "tout-public"],
        "visibility": Visibility.PUBLIC,
        "url": "https://www.troisbassins.re/",
        "contact": ("Nadia Hoarau", "coordination@caserurale.re", ""),
    },
    {
        "title": T(
            "AMI Région Réunion — tiers-lieux et démonstrateurs territoriaux",
            "AMI Région Réunion — bann tièr-lié é bann démonstratèr tèritorial",
        ),
        "summary": T(
            "La Région soutient les tiers-lieux qui expérimentent de nouveaux services pour les habitants.",
            "La Région i soutien bann tièr-lié i ésey bann nouvo servis pou bann abitan.",
        ),
        "eligibility": T(
            "Communes, intercommunalités et associations porteuses d'un tiers-lieu.",
            "Bann komin, bann intèrkomunalité é bann asosiasion i port in tièr-lié.",
        ),
        "how_to_apply": T(
            "Dossier en ligne sur le site de la Région, après la date d'ouverture.",
            "Dosié an lign dsi lo sit La Région, apré la dat louvèrtir.",
        ),
        "owner": CASE_RURALE,
        "kind": FundingCall.Kind.CALL_FOR_INTEREST,
        "programme": "",
        "funder_names": "Région Réunion",
        "funders": [],
        "perimeter": FundingCall.Perimeter.REUNION,
        "recurrence": FundingCall.Recurrence.ONE_OFF,
        "opens": 20,
        "deadlines": [(80, Deadline.Kind.SUBMISSION, "")],
        "amounts": (Decimal("20000"), Decimal("150000")),
        "rate": 70,
        "themes": ["vie-associative", "numerique"],
        "beneficiaries": ["collectivites-et-etablissements-publics", "associations"],
        "visibility": Visibility.PUBLIC,
        "url": "https://regionreunion.com/",
        "contact": ("", "", ""),
    },
    {
        "title": T("CAF de La Réunion — Fonds Publics et territoires", "CAF La Rényon — Fonds Publics et territoires"),
        "summary": T(
            "Pour les projets qui rendent service aux familles : accueil des enfants, jeunesse, parentalité.",
            "Pou bann prozè i rann servis bann fanmi : lakèy bann zanfan, la zénès, lo rol bann paran.",
        ),
        "eligibility": T(
            "Associations et collectivités qui accueillent des familles.",
            "Bann asosiasion é bann kolèktivité i akèy bann fanmi.",
        ),
        "how_to_apply": T(
            "Toute l'année : prendre contact avec le conseiller de territoire de la CAF.",
            "Toute lané : kontak lo konséyé tèritoir la CAF.",
        ),
        "owner": "CCAS — Épicerie sociale Mon Bertel",
        "kind": FundingCall.Kind.GRANT,
        "programme": "",
        "funder_names": "CAF de La Réunion",
        "funders": [],
        "perimeter": FundingCall.Perimeter.REUNION,
        "recurrence": FundingCall.Recurrence.ONGOING,
        "opens": None,
        "deadlines": [],
        "amounts": (None, None),
        "rate": None,
        "themes": ["solidarite"],
        "beneficiaries": ["associations", "familles"],
        "visibility": Visibility.PARTNERS,
        "url": "https://www.caf.fr/",
        "contact": ("", "", ""),
    },
    {
        "title": T(
            "Fondation de France — Vivre ensemble dans les territoires ruraux",
            "Fondation de France — Viv ansanm dann bann tèritoir riral",
        ),
        "summary": T(
            "Pour les initiatives d'habitants qui créent du lien et de l'entraide.",
            "Pou bann linisiativ abitan i mèt bann moun an lien é i fé lantrèd.",
        ),
        "eligibility": T("Associations et collectifs d'habitants.", "Bann asosiasion é bann kolèktif abitan."),
        "how_to_apply": T("Dossier en ligne sur le site de la fondation.", "Dosié an lign dsi lo sit la fondasion."),
        "owner": CASE_RURALE,
        "kind": FundingCall.Kind.CALL_FOR_PROJECTS,
        "programme": "",
        "funder_names": "Fondation de France",
        "funders": [],
        "perimeter": FundingCall.Perimeter.NATIONAL,
        "recurrence": FundingCall.Recurrence.RECURRING,
        "opens": -120,
        "deadlines": [(-30, Deadline.Kind.SUBMISSION, "")],
        "amounts": (Decimal("3000"), Decimal("30000")),
        "rate": None,
        "themes": ["solidarite", "environnement"],
        "beneficiaries": ["associations"],
        "visibility": Visibility.PUBLIC,
        "url": "https://www.fondationdefrance.org/",
        "contact": ("", "", ""),
    },
    {
        "title": T(
            "France Services — inclusion numérique des habitants",
            "France Services — linklizion nimérik bann abitan",
        ),
        "summary": T(
            "Financer des permanences et des ateliers pour accompagner les démarches en ligne.",
            "Fé finans bann pèrmanans é bann latélié pou akonpagn bann démarsh an lign.",
        ),
        "eligibility": T(
            "Communes et structures labellisées France Services.",
            "Bann komin é bann strikt labélizé France Services.",
        ),
        "how_to_apply": T(
            "Demande à adresser à la préfecture, avec le budget prévisionnel.",
            "Domann pou anvoy la préféktir, avèk lo bidzé prévizionèl.",
        ),
        "owner": "Médiathèque L'Alambic",
        "kind": FundingCall.Kind.GRANT,
        "programme": "France Services",
        "funder_names": "État — ANCT",
        "funders": [],
        "perimeter": FundingCall.Perimeter.NATIONAL,
        "recurrence": FundingCall.Recurrence.RECURRING,
        "opens": -10,
        "deadlines": [(60, Deadline.Kind.SUBMISSION, "")],
        "amounts": (None, Decimal("25000")),
        "rate": 50,
        "themes": ["numerique"],
        "beneficiaries": ["collectivites-et-etablissements-publics"],
        "visibility": Visibility.CIRCLE,
        "circle": "Comité de coopération transversale",
        "url": "https://www.france-services.gouv.fr/",
        "contact": ("", "", ""),
    },
    {
        "title": T(
            "Été culturel — projets artistiques avec les habitants",
            "Lété kiltirèl — bann prozè artistik avèk bann abitan",
        ),
        "summary": T(
            "La DAC de La Réunion finance des ateliers artistiques pendant les vacances.",
            "La DAC La Rényon i finans bann latélié artistik pandan bann vakans.",
        ),
        "eligibility": T(
            "Lieux culturels et associations avec un artiste professionnel.",
            "Bann landroi kiltirèl é bann asosiasion avèk in artis profésionèl.",
        ),
        "how_to_apply": T("Dossier à envoyer par courriel à la DAC.", "Dosié pou anvoy par imèl la DAC."),
        "owner": "Médiathèque L'Alambic",
        "kind": FundingCall.Kind.CALL_FOR_PROJECTS,
        "programme": "Été culturel",
        "funder_names": "DAC de La Réunion",
        "funders": [],
        "perimeter": FundingCall.Perimeter.REUNION,
        "recurrence": FundingCall.Recurrence.RECURRING,
        "opens": -5,
        "deadlines": [(30, Deadline.Kind.SUBMISSION, "")],
        "amounts": (Decimal("2000"), Decimal("15000")),
        "rate": None,
        "themes": ["culture-et-patrimoine"],
        "beneficiaries": ["associations"],
        "visibility": Visibility.ORGANISATION,
        "url": "https://www.culture.gouv.fr/",
        "contact": ("", "", ""),
    },
]

# (e-mail, call title, intent, note)
INTERESTS = [
    (
        "membre@alambic.re",
        CALLS[0]["title"].fr,
        Interest.Intent.APPLYING,
        "Pour le Fablab de l'Alambic ; on cherche un agriculteur pour le volet jardin.",
    ),
    (
        "membre@cocagne.re",
        CALLS[1]["title"].fr,
        Interest.Intent.SEEKING_PARTNERS,
        "Paniers solidaires avec l'épicerie sociale : qui veut s'associer ?",
    ),
    ("membre@cyberun.re", CALLS[2]["title"].fr, Interest.Intent.APPLYING, ""),
    ("membre@cyberun.re", CALLS[0]["title"].fr, Interest.Intent.FOLLOWING, ""),
    ("admin@alambic.re", CALLS[3]["title"].fr, Interest.Intent.FOLLOWING, ""),
]


def run(progress):
    memory = translation_memory(CALLS)
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    circles = {circle.name: circle for circle in Circle.objects.all()}
    today = timezone.localdate()
    for data in CALLS:
        call = FundingCall.objects.filter(title=data["title"].fr, locale__language_code="fr").first()
        if call is None:
            progress(f"Appel à projets « {data['title'].fr} »")
            with transaction.atomic():
                call = create_call(data, organisations, circles, today)
        if not call.get_translations().filter(locale__language_code="rcf").exists():
            translate_into_creole(call, memory)  # one transaction per translated object
    users = {user.email: user for user in get_user_model().objects.filter(email__in=[row[0] for row in INTERESTS])}
    with transaction.atomic():
        for email, title, intent, note in INTERESTS:
            call = FundingCall.objects.get(title=title, locale__language_code="fr")
            user = users[email]
            if Interest.objects.filter(call=call, user=user).exists():
                continue
            progress(f"Intérêt de {email} pour « {title} »")
            membership = user.memberships.select_related("organisation").first()
            Interest.objects.create(
                call=call,
                user=user,
                intent=intent,
                note=note,
                organisation=membership.organisation if membership else None,
            )


def create_call(data, organisations, circles, today):
    contact_name, contact_email, contact_phone = data["contact"]
    call = FundingCall(
        title=data["title"].fr,
        summary=data["summary"].fr,
        eligibility=data["eligibility"].fr,
        how_to_apply=data["how_to_apply"].fr,
        owner=organisations[data["owner"]],
        kind=data["kind"],
        programme=data["programme"],
        funder_names=data["funder_names"],
        perimeter=data["perimeter"],
        recurrence=data["recurrence"],
        opens_on=today + timedelta(days=data["opens"]) if data["opens"] is not None else None,
        amount_min=data["amounts"][0],
        amount_max=data["amounts"][1],
        cofinancing_rate=data["rate"],
        url=data["url"],
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )
    circle = [circles[data["circle"]]] if data.get("circle") else []
    access.share(call, visibility=data["visibility"], circles=circle)
    call.themes.set(Theme.objects.filter(locale=call.locale, slug__in=data["themes"]))
    call.beneficiaries.set(Audience.objects.filter(locale=call.locale, slug__in=data["beneficiaries"]))
    call.funders.set([organisations[name] for name in data["funders"]])
    Deadline.objects.bulk_create(
        Deadline(call=call, due_on=today + timedelta(days=days), kind=kind, label=label)
        for days, kind, label in data["deadlines"]
    )
    refresh_family_deadline_dates(call)
    return call
