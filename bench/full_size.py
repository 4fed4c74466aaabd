"""The full data set the last tables are measured on: organisations in the public directory,
Wagtail pages in both languages, and the agenda and funding calls topped up to their full size."""

from datetime import timedelta

from bench.agenda import add_events
from bench.appels import add_calls

KINDS = ["association", "public_body", "company", "farm", "cooperative", "other"]


def organisation_fields(number):
    """Three in four organisations show a public profile, so the directory lists most of them."""
    return {
        "name": f"Association banc {number:04d}",
        "kind": KINDS[number % len(KINDS)],
        "public_profile": number % 4 != 3,
        "description": "Une structure du banc d'essai : ateliers, accueil et accompagnement de projets. " * 2,
        "email": f"contact{number}@banc.re",
    }


def add_organisations(total, progress):
    """Organisations up to ``total``; each one's save() gives it its two groups, so one by one."""
    from django.db import transaction

    from annuaire.models import Organisation

    existing = Organisation.objects.count()
    with transaction.atomic():
        for done, number in enumerate(range(existing, total), start=1):
            Organisation.objects.create(**organisation_fields(number))
            progress("organisations", existing + done, total)
    return Organisation.objects.count()


# One page of the benchmark in both languages: the French builds it, the Creole translates it.
TITLE = ("Nouvelle du banc d'essai n° {n}", "Nouvèl lo banc d'éssé n° {n}")
INTRO = (
    "Une page du banc d'essai, pour mesurer le site avec beaucoup de contenu.",
    "In paj pou lo banc d'éssé, pou mezir lo sit èk in bonpé kontni.",
)
BODY = ("Le texte de la page, en quelques phrases.", "Lo tèks la paj, an dé-troi fraz.")


def add_pages(total, progress, translated_every=5):
    """Wagtail pages up to ``total`` in the tree: French news articles (and one standard page in ten,
    under « Le projet »), each with its Creole alias as the editor's "create page" makes it, and one
    French page in ``translated_every`` translated into Creole through wagtail-localize.

    treebeard computes each page's place in the tree, so pages are added one by one.
    """
    from django.utils import timezone
    from wagtail.models import Locale, Page
    from wagtail.rich_text import RichText
    from wagtail_localize.synctree import create_aliases_for_new_page

    from caserurale.demo import translate_into_creole
    from home.models import ArticleIndexPage, ArticlePage, StandardPage

    french = Locale.objects.get(language_code="fr")
    news = ArticleIndexPage.objects.get(locale=french, slug="actualites")
    project = StandardPage.objects.get(locale=french, slug="le-projet")
    in_tree = Page.objects.count() - 1  # the tree's root is not a page of the site
    count = max(0, (total - in_tree) // 2)  # every French page brings its Creole alias
    now = timezone.now()
    memory = {INTRO[0]: INTRO[1], BODY[0]: BODY[1]}
    for n in range(count):
        fields = {
            "title": TITLE[0].format(n=n),
            "slug": f"banc-{n}",
            "locale": french,
            "intro": INTRO[0],
            "body": [("paragraph", RichText(f"<p>{BODY[0]}</p>"))],
            "first_published_at": now - timedelta(hours=n),
            "last_published_at": now - timedelta(hours=n),
        }
        if n % 10 == 9:
            page = project.add_child(instance=StandardPage(**fields))
        else:
            page = news.add_child(instance=ArticlePage(date=(now - timedelta(hours=n)).date(), **fields))
        create_aliases_for_new_page(page)
        if n % translated_every == 0:
            memory[page.title] = TITLE[1].format(n=n)
            translate_into_creole(page, memory)
        progress("pages (French and Creole)", n + 1, count)
    return Page.objects.count() - 1


def top_up(network, sizes, progress):
    """Organisations, pages, events and calls up to their full size; returns what the site then holds."""
    from agenda.models import Event
    from appels.models import FundingCall
    from bench.database import analyze

    organisations = add_organisations(sizes["organisations"], progress)
    pages = add_pages(sizes["pages"], progress)
    events = Event.objects.filter(title__startswith="Atelier banc").count()
    missing = sizes["events"] - events
    for start in range(0, missing, 1000):
        add_events(min(1000, missing - start), network["orgs"], events + start)
        progress("events", events + min(start + 1000, missing), sizes["events"])
    calls = FundingCall.objects.filter(title__startswith="Appel banc").count()
    if sizes["calls"] > calls:
        add_calls(sizes["calls"] - calls, network["orgs"], calls)
        progress("funding calls", sizes["calls"], sizes["calls"])
    add_saved_searches(network["member"])
    analyze()
    return {
        "organisations": organisations,
        "pages": pages,
        "events": Event.objects.filter(title__startswith="Atelier banc").count(),
        "calls": FundingCall.objects.filter(title__startswith="Appel banc").count(),
    }


def add_saved_searches(user):
    """A few funding-call alerts, so that the alerts page lists something."""
    from appels.models import SavedSearch

    SavedSearch.objects.bulk_create(
        [
            SavedSearch(user=user, name="Appels ouverts", query="statut=open"),
            SavedSearch(user=user, name="Clôture sous 30 jours", query="statut=closing_soon&cloture_sous=30"),
            SavedSearch(user=user, name="Subventions", query="type=grant", frequency="daily"),
        ]
    )
