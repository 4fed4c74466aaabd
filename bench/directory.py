"""« Qui fait quoi » as the network grows: from 10 to 1,000 public organisations and 5,000 services,
what the directory (plain, filtered, with its map), an organisation (with its pathways), a place
(first and second page), a pathway and the questionnaire's result cost. The query counts must stay
the same at every size (tests/test_bench_directory.py pins them)."""

import uuid

GROWTH = ((10, 50), (1000, 5000))  # (organisations, services)
KINDS = ("welcome", "support", "training", "funding", "equipment", "hosting", "food", "digital")


def add_organisations(count, services, offset, place):
    """``count`` public organisations with ``services`` services between them, in the demo's places and vocabularies."""
    from wagtail.models import Locale

    from annuaire.models import Audience, Organisation, Service, Theme

    french = Locale.objects.get(language_code="fr")
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Banc annuaire {n}", slug=f"banc-annuaire-{n}", public_profile=n % 10 != 0)
            for n in range(offset, offset + count)
        ],
        batch_size=1000,
    )
    rows = Service.objects.bulk_create(
        [
            Service(
                organisation=organisations[n % count],
                name=f"Service banc {offset + n}",
                kind=KINDS[n % len(KINDS)],
                reach=["walk_in", "appointment", "contact"][n % 3],
                summary="Un service du banc d'essai.",
                locale=french,
                translation_key=uuid.uuid4(),
            )
            for n in range(services)
        ],
        batch_size=1000,
    )
    audiences = list(Audience.objects.filter(locale=french))
    themes = list(Theme.objects.filter(locale=french))
    Service.audiences.through.objects.bulk_create(
        [Service.audiences.through(service=s, audience=audiences[i % len(audiences)]) for i, s in enumerate(rows)],
        batch_size=2000,
    )
    Service.themes.through.objects.bulk_create(
        [Service.themes.through(service=s, theme=themes[i % len(themes)]) for i, s in enumerate(rows)],
        batch_size=2000,
    )
    # Two in five at the one place: its page has a second page from the first size on.
    Service.places.through.objects.bulk_create(
        [Service.places.through(service=s, place=place) for i, s in enumerate(rows) if i % 5 < 2], batch_size=2000
    )


PAGES = [
    "/qui-fait-quoi/",
    "/qui-fait-quoi/?besoin=digital&sans_rdv=1",
    "/rcf/qui-fait-quoi/?public=familles&page=2",
    "/qui-fait-quoi/?lieu=pole-lena&besoin=training",
    "/qui-fait-quoi/cyberun/",
    "/qui-fait-quoi/pole-lena/",
    "/qui-fait-quoi/lieux/pole-lena/",
    "/qui-fait-quoi/lieux/pole-lena/?page=2",
    "/rcf/qui-fait-quoi/lieux/pole-lena/?page=2",
    "/par-ou-commencer/s-installer-en-agriculture/",
    "/rcf/par-ou-commencer/resultat/?public=porteurs-de-projet&besoin=agriculture&stade=idee",
]


def measure_growth(progress, repeat=10, growth=GROWTH, show=True):
    """``[(size, page, status, queries, p50, p95)]``, printed as a table unless ``show`` is false."""
    from django.test import Client

    from annuaire.models import Place
    from bench.database import analyze, measure_page, print_table

    client = Client()
    place = Place.objects.get(slug="pole-lena")
    pages = PAGES
    rows, organisations, services = [], 0, 0
    for size, service_count in growth:
        add_organisations(size - organisations, service_count - services, organisations, place)
        organisations, services = size, service_count
        analyze()
        progress("organisations", organisations, growth[-1][0])
        for page in pages:
            rows.append((f"{size}/{service_count}", page, *measure_page(client, page, repeat, max_seconds=10)))
    if show:
        print_table("orgs/services", rows, page_width=84)
    return rows
