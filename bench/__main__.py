"""`make bench`: builds a large network and prints what each page costs.

    200 organisations, 400 partners, 20,000 shared resources at every visibility level,
    then public events growing from 10 to 5,000 (the agenda's list, month and event pages),
    then funding calls growing from 10 to 10,000 (public page, API, partners' list and calendar),
    then the directory growing from 10 to 1,000 organisations and 5,000 services (bench/directory.py):
    the query counts stay the same at every size;
    then the full data set: 1,000 organisations (most in the public directory), 1,000 Wagtail pages
    in French and Creole, 10,000 events and 10,000 funding calls, where every public and extranet
    page type is measured; the search with its index topped up to 100,000 entries (bench/search.py);
    and a few pages under load through gunicorn, page cache off and on.

On PostgreSQL when DATABASE_URL is set (a database of its own: <name>_bench), else SQLite.
For each page: SQL queries per request and server time p50/p95 over repeated requests through
Django's test client (no network, no cache); under load: requests per second, latency p50/p95
and errors seen by concurrent HTTP clients (bench/load.py). BENCH_QUICK=1 runs a small version.
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caserurale.settings.test")
BENCH_DB = os.environ.get("BENCH_DATABASE_URL")


def configure_database():
    """The benchmark's own database: <name>_bench beside DATABASE_URL's, or var/bench.sqlite3."""
    import dj_database_url

    url = BENCH_DB or os.environ.get("DATABASE_URL")
    if url and url.startswith("postgres"):
        base, _slash, name = url.rpartition("/")
        url = f"{base}/{name.split('?')[0]}_bench"
    else:
        url = f"sqlite:///{os.path.abspath('var/bench.sqlite3')}"
    return url, dj_database_url.parse(url)


def create_postgres_database(config):
    import psycopg

    dsn = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"], "dbname": "postgres"}
    if config.get("PASSWORD"):
        dsn["password"] = config["PASSWORD"]
    with psycopg.connect(**dsn, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def progress(label, done, total):
    """A bar redrawn in place on a terminal; one line per tenth in a log file."""
    width = 30
    filled = int(width * done / total)
    line = f"  {label:<28} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
    if sys.stdout.isatty():
        sys.stdout.write("\r" + line + ("\n" if done == total else ""))
    elif done == total or done % max(1, total // 10) == 0:
        sys.stdout.write(line + "\n")
    sys.stdout.flush()


# BENCH_ONLY=search (`make bench-search`): the data set, then the search alone (no growth, page or load steps).
ONLY = os.environ.get("BENCH_ONLY", "")
# BENCH_QUICK=1: a small smoke run of every step (a few minutes), to check the benchmark itself.
QUICK = os.environ.get("BENCH_QUICK", "") not in {"", "0"}
SIZES = (
    {
        "network": 40,
        "resources": 2_000,
        "events_growth": (10, 100),
        "calls_growth": (10, 100),
        "directory_growth": ((10, 50), (100, 500)),
        "organisations": 100,
        "pages": 150,
        "events": 300,
        "calls": 300,
        "repeat": 3,
        "load_seconds": 1.0,
        "search_entries": 3_000,
    }
    if QUICK
    else {
        "network": 200,
        "resources": 20_000,
        "events_growth": (10, 100, 1000, 5000),
        "calls_growth": (10, 100, 1000, 10_000),
        "directory_growth": ((10, 50), (1000, 5000)),
        "organisations": 1_000,
        "pages": 1_000,
        "events": 10_000,
        "calls": 10_000,
        "repeat": 10,
        "load_seconds": 5.0,
        "search_entries": 100_000,
    }
)
# Pages driven by the load generator: the busiest public ones, and two of a signed-in partner.
LOAD_PUBLIC_PAGES = [
    "/",
    "/rcf/",
    "/le-projet/",
    "/actualites/",
    "/qui-fait-quoi/",
    "/agenda/",
    "/financer-mon-projet/",
    "/api/v1/funding-calls/?limit=20",
]
LOAD_EXTRANET_PAGES = ["/extranet/", "/extranet/ressources/"]


def main():
    started = time.monotonic()
    cores = os.cpu_count()
    # Timings depend on what else the machine runs: say so beside them.
    print(f"Machine: {cores} cores, load average {os.getloadavg()[0]:.1f} at the start")
    laps = [started]

    def lap(step):
        """How long each step took, so that a slow run shows where its time went."""
        laps.append(time.monotonic())
        print(f"  [{step}: {laps[-1] - laps[-2]:.0f} s]")

    url, database = configure_database()
    if database["ENGINE"].endswith("postgresql"):
        create_postgres_database(database)
    else:
        os.makedirs("var", exist_ok=True)
        if os.path.exists("var/bench.sqlite3"):
            os.remove("var/bench.sqlite3")
    os.environ["DATABASE_URL"] = url

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries

    # Django empties its query log when a request starts: keep it, to count the queries of each page.
    request_started.disconnect(reset_queries)
    print(f"Database: {connection.vendor} ({database['NAME']}){' — quick run (BENCH_QUICK)' if QUICK else ''}")
    print("Migrating and loading the demo content…")
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    lap("migrations and demo content")
    network = build_network(SIZES["network"], SIZES["resources"])
    lap("network")
    if ONLY != "search":
        from bench import appels
        from bench.agenda import measure_growth

        print()
        print("The agenda as it grows (public pages, anonymous visitor):")
        measure_growth(network["orgs"], progress, growth=SIZES["events_growth"])
        lap("agenda growth")

        print()
        print("Funding calls as they grow (public page, API, partners' list and calendar, dashboard):")
        appels.measure_growth(network["orgs"], network["member"], progress, growth=SIZES["calls_growth"])
        lap("funding-call growth")

        from bench import directory

        print()
        print("Who does what as it grows (directory, organisation, place, pathway, questionnaire result):")
        directory.measure_growth(progress, repeat=SIZES["repeat"], growth=SIZES["directory_growth"])
        lap("directory growth")

    from bench.full_size import top_up
    from bench.pages import measure_full_size

    print()
    print("Full size:")
    held = top_up(network, SIZES, progress)
    print(
        f"  {held['organisations']:,} organisations, {held['pages']:,} Wagtail pages, "
        f"{held['events']:,} events, {held['calls']:,} funding calls, {SIZES['resources']:,} resources"
    )
    lap("seeding")
    if ONLY != "search":
        print()
        print("Every page type at full size (Django test client, no cache):")
        measure_full_size(network, SIZES["repeat"], progress)
        lap("page types")
        from bench import page_cache

        print()
        print("Public pages without and with the page cache (Django test client, PAGE_CACHE_SECONDS=300):")
        page_cache.measure(repeat=SIZES["repeat"])
        lap("page cache")

    from bench import search

    print()
    print(f"The search with {SIZES['search_entries']:,} entries in its index (anonymous reader, French and Creole):")
    search.measure(SIZES["search_entries"], SIZES["repeat"], progress)
    lap("search")
    if ONLY == "search":
        return

    from bench.serve import measure_load

    print()
    print("Under load (gunicorn, production settings), page cache off then on:")
    measure_load(
        url, network["member"], LOAD_PUBLIC_PAGES, LOAD_EXTRANET_PAGES, SIZES["load_seconds"], progress=progress
    )
    lap("load")
    print()
    print(
        f"make bench took {(time.monotonic() - started) / 60:.1f} min"
        f" (load average {os.getloadavg()[0]:.1f} at the end, {cores} cores)"
    )


def build_network(organisations=200, objects=20_000):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from annuaire import access
    from annuaire.access import Visibility
    from annuaire.models import Circle, Membership, Organisation
    from bench.database import analyze
    from bench.full_size import organisation_fields
    from extranet.models import Resource

    User = get_user_model()
    started = time.monotonic()
    print(f"Building {organisations} organisations, {2 * organisations} partners, {objects} resources:")
    password = make_password("bench-password-2030")
    orgs = []
    with transaction.atomic():
        for number in range(organisations):
            orgs.append(Organisation.objects.create(**organisation_fields(number)))
            progress("organisations", number + 1, organisations)
        users = User.objects.bulk_create(
            [
                User(username=f"partenaire{n}@banc.re", email=f"partenaire{n}@banc.re", password=password)
                for n in range(2 * organisations)
            ]
        )
        for index, user in enumerate(users):
            role = Membership.Role.ADMIN if index % 2 == 0 else Membership.Role.MEMBER
            Membership.objects.create(user=user, organisation=orgs[index // 2], role=role)
            progress("memberships", index + 1, len(users))
        circles = [Circle.objects.create(name=f"Cercle banc {n}") for n in range(10)]
        for index, circle in enumerate(circles):
            circle.organisations.set(orgs[index * 20 : index * 20 + 40])
        levels = [Visibility.PUBLIC, Visibility.PARTNERS, Visibility.CIRCLE, Visibility.ORGANISATION]
        batch = 2000
        for start in range(0, objects, batch):
            chunk = Resource.objects.bulk_create(
                [
                    Resource(
                        owner=orgs[n % organisations], name=f"Ressource {n}", visibility=levels[n % 4], kind="equipment"
                    )
                    for n in range(start, min(start + batch, objects))
                ]
            )
            through = Resource.circles.through
            through.objects.bulk_create(
                [
                    through(resource_id=r.pk, circle_id=circles[r.pk % 10].pk)
                    for r in chunk
                    if r.visibility == Visibility.CIRCLE
                ]
            )
            for resource in chunk:
                resource.owner = orgs[int(resource.name.split()[1]) % organisations]
            access.bulk_sync_object_permissions(
                Resource.objects.filter(pk__in=[r.pk for r in chunk])
                .select_related("owner__members_group", "owner__admins_group")
                .prefetch_related("circles__group")
            )
            progress("resources and permissions", min(start + batch, objects), objects)
    analyze()
    print(f"  built in {time.monotonic() - started:.0f} s")
    return {"member": users[1], "admin": users[0], "orgs": orgs}


if __name__ == "__main__":
    main()
