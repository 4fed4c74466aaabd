"""Every public and extranet page type at full size: queries, server time p50/p95 (Django test client)."""


def sample_addresses(network):
    """One address of each page type that needs an object: a bench article and its Creole
    translation, an organisation, an event, calls public and for partners, a resource."""
    from django.utils import timezone
    from wagtail.models import Locale

    from agenda.models import Event
    from annuaire.models import Organisation
    from appels.models import FundingCall
    from extranet.models import Resource
    from home.models import ArticlePage

    creole = Locale.objects.get(language_code="rcf")
    today = timezone.localdate()
    article = ArticlePage.objects.filter(slug="banc-0", locale__language_code="fr").first()
    translated = ArticlePage.objects.filter(slug="banc-0", locale=creole, alias_of__isnull=True).first()
    return {
        "month": f"{today.year}/{today.month}",
        "article": article.url if article else "/actualites/",
        "article_rcf": translated.url if translated else "/rcf/actualites/",
        "organisation": Organisation.objects.filter(public_profile=True, name__startswith="Association banc")
        .order_by("pk")
        .first()
        .slug,
        "event": Event.objects.filter(title__startswith="Atelier banc").order_by("pk").first().pk,
        "public_call": FundingCall.objects.filter(title__startswith="Appel banc", visibility="public")
        .order_by("pk")
        .first()
        .pk,
        "partners_call": FundingCall.objects.filter(title__startswith="Appel banc", visibility="partners")
        .order_by("pk")
        .first()
        .pk,
        "resource": Resource.objects.filter(owner=network["orgs"][1], visibility="partners").first().pk,
    }


def public_pages(a):
    return [
        ("home", "/"),
        ("home", "/rcf/"),
        ("standard page", "/le-projet/"),
        ("standard page", "/rcf/le-projet/"),
        ("news list", "/actualites/"),
        ("news list", "/rcf/actualites/"),
        ("news article", a["article"]),
        ("news article", a["article_rcf"]),
        ("site map", "/plan-du-site/"),
        ("directory list", "/qui-fait-quoi/"),
        ("directory list", "/rcf/qui-fait-quoi/"),
        ("organisation page", f"/qui-fait-quoi/{a['organisation']}/"),
        ("agenda list", "/agenda/"),
        ("agenda list", "/rcf/agenda/"),
        ("agenda, filtered", "/agenda/?theme=numerique&gratuit=1"),
        ("month grid", f"/agenda/mois/{a['month']}/"),
        ("month grid", f"/rcf/agenda/mois/{a['month']}/"),
        ("event page", f"/agenda/evenement/{a['event']}/"),
        ("funding page list", "/financer-mon-projet/"),
        ("funding page list", "/rcf/financer-mon-projet/?ouverts=1"),
        ("call detail", f"/financer-mon-projet/appel/{a['public_call']}/"),
        ("search", "/recherche/?q=atelier"),
        ("search", "/rcf/recherche/?q=atelier"),
        ("API calls", "/api/v1/funding-calls/?limit=20"),
        ("API events", "/api/v1/events/?limit=20"),
        ("API organisations", "/api/v1/organisations/?limit=20"),
    ]


def extranet_pages(a):
    return [
        ("dashboard", "/extranet/"),
        ("dashboard", "/rcf/extranet/"),
        ("resources list", "/extranet/ressources/"),
        ("resources, searched", "/extranet/ressources/?q=Ressource+1"),
        ("resource detail", f"/extranet/ressources/{a['resource']}/"),
        ("documents", "/extranet/documents/"),
        ("organisations", "/extranet/organisations/"),
        ("members", "/extranet/membres/"),
        ("agenda", "/extranet/agenda/"),
        ("agenda month", f"/extranet/agenda/mois/{a['month']}/"),
        ("calls list", "/extranet/appels/"),
        ("calls list", "/rcf/extranet/appels/"),
        ("call detail", f"/extranet/appels/{a['partners_call']}/"),
        ("deadline calendar", f"/extranet/appels/echeances/{a['month']}/"),
        ("alerts", "/extranet/appels/alertes/"),
        ("search", "/extranet/recherche/?q=Ressource+42"),
    ]


def verified_coordinator(member):
    """A coordinator whose session gave its second factor, as after signing in with a code."""
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from annuaire.access import COORDINATORS_GROUP

    coordinator = member.__class__.objects.create_user("coordination@banc.re", "coordination@banc.re", "x")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    device = TOTPDevice.objects.create(user=coordinator, name="bench", confirmed=True)
    return coordinator, device


def measure_full_size(network, repeat, progress):
    from django.test import Client

    from bench.database import measure_page

    addresses = sample_addresses(network)
    anonymous, member, coordinator = Client(), Client(), Client()
    member.force_login(network["member"])
    user, device = verified_coordinator(network["member"])
    coordinator.force_login(user)
    session = coordinator.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    visits = [("anonymous", anonymous, kind, page) for kind, page in public_pages(addresses)]
    for label, client in (("member", member), ("coordinator", coordinator)):
        visits += [(label, client, kind, page) for kind, page in extranet_pages(addresses)]
    rows = []
    for done, (label, client, kind, page) in enumerate(visits, start=1):
        rows.append((label, kind, page, *measure_page(client, page, repeat, max_seconds=5)))
        progress("pages measured", done, len(visits))
    print()
    print(f"{'who':>11} {'page type':<20} {'address':<52} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for label, kind, page, status, queries, p50, p95 in rows:
        print(f"{label:>11} {kind:<20} {page:<52} {status:>6} {queries:>7} {p50:>8.1f} {p95:>8.1f}")
    return rows, addresses
