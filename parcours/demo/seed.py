# ruff: noqa: E501 (demo data reads best one record a line)
"""« Par où commencer ? » and the support pathways of the framing document's "parcours et mise en réseau"."""

from wagtail.models import Locale, Site

from annuaire.organisations import Audience, Service
from caserurale.demo import T, translate_into_creole, translation_memory
from parcours.models import PathwayIndexPage, PathwayPage

INDEX = {
    "title": T("Par où commencer ?", "Par ousa komansé ?"),
    "slug": "par-ou-commencer",
    "intro": T(
        "Trois questions pour trouver votre parcours et les bonnes personnes, ou les parcours d'accompagnement du réseau.",
        "Troi kestion pou trouv out shemin é bann bon moun, ou bann shemin lakonpagnman lo rézo.",
    ),
}

# (slug, title, audience, need, intro, [(step title, step text, [(organisation, service name)])])
PATHWAYS = [
    (
        "s-installer-en-agriculture",
        T("S'installer en agriculture", "Instal aou plantèr"),
        "Porteurs de projet",
        "agriculture",
        T(
            "De l'idée à votre installation en agroécologie, même hors cadre familial.",
            "Depi lidé ziska out instalasion an agroékolozi, menm si out fanmi lé pa plantèr.",
        ),
        [
            (
                T("Faire le point sur votre projet", "Fé lo pwin si out prozè"),
                T(
                    "Un premier rendez-vous à la Case Rurale pour parler de votre idée.",
                    "In promié randévou La Case Rurale pou koz out lidé.",
                ),
                [("Commune de Trois-Bassins — La Case Rurale", "Accompagnement des projets d'habitants")],
            ),
            (
                T("Pré-installation agricole", "Pré-instalasion agrikol"),
                T("Construire votre projet et vous former.", "Mont out prozè é formé aou."),
                [("Pôle LENA", "Pré-installation agricole en agroécologie"), ("CFPPA", "Formations agricoles")],
            ),
            (
                T("Tester en espace test agricole", "Tès dann lespas tès agrikol"),
                T(
                    "Une parcelle et un tuteur pour essayer avant de vous lancer.",
                    "In parsèl é in titèr pou éséy avan lans aou.",
                ),
                [("Pôle LENA", "Espace test agricole")],
            ),
            (
                T("S'installer, seul ou en coopérative (CIAP)", "Instal aou, tousèl ou an kopérativ (CIAP)"),
                T(
                    "La couveuse et la coopérative d'installation accompagnent vos premières années.",
                    "La kouvez é la kopérativ instalasion i akonpagn out promié lané.",
                ),
                [("EITI Met zot en lèr", "Couveuse : test d'activité en contrat CAPE")],
            ),
        ],
    ),
    (
        "retrouver-un-emploi",
        T("Retrouver un emploi", "Trouv in travay"),
        None,
        "emploi",
        T(
            "Reprendre pied avec un emploi accompagné, puis aller vers un emploi durable.",
            "Ropran pié avèk in travay akonpagné, é apré al ver in travay ki dir.",
        ),
        [
            (
                T("En parler à l'accueil", "Koz sa lakèy"),
                T(
                    "On vous écoute et on vous oriente vers le bon chantier.",
                    "Nou i akout aou é nou i gid aou ver lo bon shantié.",
                ),
                [("Commune de Trois-Bassins — La Case Rurale", "Accueil et orientation")],
            ),
            (
                T("Un chantier d'insertion en CDDI", "In shantié linsersion an CDDI"),
                T(
                    "Un contrat d'un à deux ans, accompagné, au jardin ou dans l'agriculture résiliente.",
                    "In kontra in a dé lané, akonpagné, o zardin ou dann lagrikiltir rézilian.",
                ),
                [
                    ("Réseau Cocagne — jardin d'insertion", "Jardin d'insertion en maraîchage bio"),
                    ("EITI Met zot en lèr", "Chantier d'insertion « agriculture résiliente »"),
                ],
            ),
            (
                T("Se former", "Formé aou"),
                T("Une formation pour un métier de la terre.", "In formasion pou in métié la tèr."),
                [("CFPPA", "Formations agricoles")],
            ),
        ],
    ),
    (
        "creer-son-activite",
        T("Créer son activité", "Kré out laktivité"),
        "Porteurs de projet",
        "activite",
        T(
            "Tester votre activité avec un contrat CAPE avant de créer votre entreprise.",
            "Tès out laktivité avèk in kontra CAPE avan kré out lantrepriz.",
        ),
        [
            (
                T("Faire le point sur votre projet", "Fé lo pwin si out prozè"),
                T(
                    "Un premier rendez-vous à la Case Rurale pour parler de votre idée.",
                    "In promié randévou La Case Rurale pou koz out lidé.",
                ),
                [("Commune de Trois-Bassins — La Case Rurale", "Accompagnement des projets d'habitants")],
            ),
            (
                T("Tester votre activité", "Tès out laktivité"),
                T(
                    "D'un à trois ans en couveuse, avec un contrat CAPE.",
                    "In a troi lané dann kouvez, avèk in kontra CAPE.",
                ),
                [("EITI Met zot en lèr", "Couveuse : test d'activité en contrat CAPE")],
            ),
            (
                T("Trouver des outils et un lieu", "Trouv bann zouti é in landroi"),
                T(
                    "Le fablab et le coworking pour fabriquer et travailler.",
                    "Lo fablab é lo koworking pou fabrik é travay.",
                ),
                [
                    ("Cyberun", "Fablab : imprimantes 3D et machines"),
                    ("Médiathèque L'Alambic", "Coworking et accès à la fibre"),
                ],
            ),
        ],
    ),
    (
        "faire-ses-demarches-en-ligne",
        T("Faire ses démarches en ligne", "Fé out démarsh si internet"),
        None,
        "demarches",
        T(
            "Quelqu'un pour vous aider à remplir un formulaire en ligne, sans rendez-vous.",
            "In moun pou èd aou ranpli in formilèr si internet, san randévou.",
        ),
        [
            (
                T("Venir sans rendez-vous", "Vien san randévou"),
                T("Apportez vos papiers et votre téléphone.", "Amenn out papié é out téléfon."),
                [("Cyberun", "Aide aux démarches en ligne")],
            ),
        ],
    ),
    (
        "monter-une-association",
        T("Monter une association", "Mont in asosiasion"),
        "Associations",
        "association",
        T(
            "Des statuts à la première activité : la Case Rurale et le réseau vous accompagnent.",
            "Depi bann statu ziska la promié laktivité : La Case Rurale é lo rézo i akonpagn azot.",
        ),
        [
            (
                T("Faire le point sur votre projet", "Fé lo pwin si out prozè"),
                T(
                    "Un premier rendez-vous à la Case Rurale pour parler de votre idée.",
                    "In promié randévou La Case Rurale pou koz out lidé.",
                ),
                [("Commune de Trois-Bassins — La Case Rurale", "Accompagnement des projets d'habitants")],
            ),
            (
                T("Trouver un lieu pour vous réunir", "Trouv in landroi pou rankont azot"),
                T("Le coworking de L'Alambic accueille vos réunions.", "Lo koworking L'Alambic i akèy zot rényon."),
                [("Médiathèque L'Alambic", "Coworking et accès à la fibre")],
            ),
        ],
    ),
    (
        "bien-manger-a-petit-prix",
        T("Bien manger à petit prix", "Bien manzé san dépans tro"),
        "Familles",
        "manger",
        T(
            "L'épicerie sociale, les paniers du jardin et les ateliers du bien-manger.",
            "Lépisri sosial, bann panyé lo zardin é bann latélié pou bien manzé.",
        ),
        [
            (
                T("Rencontrer le CCAS", "Rankont lo CCAS"),
                T(
                    "Un travailleur social vous ouvre l'accès à l'épicerie sociale.",
                    "In travayèr sosial i ouvr aou lépisri sosial.",
                ),
                [("CCAS — Épicerie sociale Mon Bertel", "Aide alimentaire à l'épicerie sociale")],
            ),
            (
                T("Cuisiner et acheter local", "Kui é ashté lokal"),
                T("Ateliers et paniers de légumes bio.", "Bann latélié é bann panyé légim bio."),
                [
                    ("CCAS — Épicerie sociale Mon Bertel", "Ateliers du bien-manger"),
                    ("Réseau Cocagne — jardin d'insertion", "Paniers de légumes en circuit court"),
                ],
            ),
        ],
    ),
]


def run(progress):
    french, creole = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    home = site.root_page.get_translation(french)
    memory = translation_memory(INDEX, PATHWAYS)
    index = PathwayIndexPage.objects.filter(locale=french).first()
    if index is None:
        progress(f"Page « {INDEX['title'].fr} »")
        index = PathwayIndexPage(title=INDEX["title"].fr, slug=INDEX["slug"], intro=INDEX["intro"].fr, locale=french)
        home.add_child(instance=index)
        index.save_revision().publish()
    if not index.get_translations().filter(locale=creole, alias_of__isnull=True).exists():
        translate_into_creole(index, memory)
    audiences = {audience.name: audience for audience in Audience.objects.filter(locale=french)}
    for slug, title, audience, need, intro, steps in PATHWAYS:
        pathway = PathwayPage.objects.child_of(index).filter(slug=slug).first()
        if pathway is None:
            progress(f"Parcours « {title.fr} »")
            pathway = PathwayPage(
                title=title.fr,
                slug=slug,
                locale=french,
                audience=audiences.get(audience),
                need=need,
                intro=intro.fr,
                steps=[
                    (
                        "step",
                        {
                            "title": step_title.fr,
                            "text": text.fr,
                            "services": [
                                Service.objects.get(locale=french, organisation__name=owner, name=name)
                                for owner, name in services
                            ],
                            "events": [],
                            "calls": [],
                        },
                    )
                    for step_title, text, services in steps
                ],
            )
            index.add_child(instance=pathway)
            pathway.save_revision().publish()
        if not pathway.get_translations().filter(locale=creole, alias_of__isnull=True).exists():
            translate_into_creole(pathway, memory)
