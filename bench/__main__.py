"""`make bench`: builds a large network and prints what each page costs.

    200 organisations, 400 partners, 20,000 shared resources at every visibility level,
    then public events growing from 10 to 5,000 (the agenda's list, month and event pages),
    then funding calls growing from 10 to 10,000 (public page, API, partners' list and calendar),
    on PostgreSQL when DATABASE_URL is set (a database of its own: <name>_bench), else SQLite.

For each page: SQL queries per request, and server time p50/p95 over repeated requests
through Django's test client (no network; no page cache, except in the table that compares).
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


def main():
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
    from django.db import connection

    print(f"Database: {connection.vendor} ({database['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    network = build_network()
    measure(network)
    from bench import page_cache

    print()
    print("The same public pages from the page cache (anonymous visitor, PAGE_CACHE_SECONDS=300):")
    page_cache.measure()
    from bench.agenda import measure_growth

    print()
    print("The agenda as it grows (public pages, anonymous visitor):")
    measure_growth(network["orgs"], progress)
    from bench import appels

    print()
    print("Funding calls as they grow (public page, API, partners' list and calendar, dashboard):")
    appels.measure_growth(network["orgs"], network["member"], progress)


def build_network(organisations=200, objects=20_000):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from annuaire import access
    from annuaire.access import Visibility
    from annuaire.models import Circle, Membership, Organisation
    from extranet.models import Resource

    User = get_user_model()
    started = time.monotonic()
    print(f"Building {organisations} organisations, {2 * organisations} partners, {objects} resources:")
    password = make_password("bench-password-2030")
    orgs = []
    with transaction.atomic():
        for number in range(organisations):
            orgs.append(Organisation.objects.create(name=f"Association banc {number:03d}"))
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
    from bench.database import analyze

    analyze()
    print(f"  built in {time.monotonic() - started:.0f} s")
    return {"member": users[1], "admin": users[0], "orgs": orgs}


def measure(network, repeat=20):
    from django.contrib.auth.models import Group
    from django.core.signals import request_started
    from django.db import reset_queries
    from django.test import Client

    from annuaire.access import COORDINATORS_GROUP
    from bench.database import measure_page, print_table
    from extranet.models import Resource

    # Django empties its query log when a request starts: keep it, to count the queries of each page.
    request_started.disconnect(reset_queries)
    coordinator = network["admin"].__class__.objects.create_user("coordination@banc.re", "coordination@banc.re", "x")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    public_pages = ["/", "/rcf/", "/le-projet/", "/rcf/manifeste/", "/actualites/", "/contact/", "/recherche/?q=projet"]
    detail = Resource.objects.filter(owner=network["orgs"][1], visibility="partners").first()
    extranet_pages = [
        "/extranet/",
        "/extranet/ressources/",
        "/extranet/ressources/?q=Ressource+1",
        f"/extranet/ressources/{detail.pk}/",
        "/extranet/documents/",
        "/extranet/organisations/",
        "/extranet/membres/",
        "/extranet/recherche/?q=Ressource+42",
    ]
    rows = []
    visitors = [
        ("anonymous", None, public_pages),
        ("member", network["member"], extranet_pages),
        ("coordinator", coordinator, extranet_pages),
    ]
    for label, user, pages in visitors:
        client = Client()
        if user is not None:
            client.force_login(user)
            if label == "coordinator":
                from django_otp.plugins.otp_totp.models import TOTPDevice

                device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
                session = client.session
                session["otp_device_id"] = device.persistent_id
                session.save()
        for page in pages:
            rows.append((label, page, *measure_page(client, page, repeat)))
    print_table("who", rows)


if __name__ == "__main__":
    main()
