"""“Our services”: partners describe what their organisation offers, in French and Creole, and the
public directory, its search and its cached pages show it at once."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from annuaire.models import Audience, DirectoryPage, Organisation, Place, Service, Theme
from extranet.forms.services import ServiceForm
from tests.appels.celery_helpers import real_worker, wait_until
from tests.factories import UserFactory
from tests.helpers import database_writes, sign_in_verified
from tests.xss import PAYLOADS, assert_clean

pytestmark = pytest.mark.django_db

LIST = "/extranet/services/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response):
    return soup(response).get_text(" ", strip=True)


def directory(language="fr"):
    return DirectoryPage.objects.get(locale__language_code=language).url


def service_titles(response):
    return [title.get_text(strip=True) for title in soup(response).select(".service__title")]


def french(model, slug):
    return model.objects.get(slug=slug, locale__language_code="fr")


def form_data(world, **changes):
    data = {
        "organisation": world.org_a.pk,
        "name": "Permanence numérique",
        "name_rcf": "Permanans nimérik",
        "summary": "Aide pour les démarches en ligne.",
        "summary_rcf": "Èd pou bann démarsh si internet.",
        "when": "Le mardi matin",
        "when_rcf": "Mardi bomatin",
        "contact": "0262 00 00 00",
        "contact_rcf": "",
        "cost": "",
        "cost_rcf": "",
        "kind": Service.Kind.DIGITAL,
        "reach": Service.Reach.WALK_IN,
        "audiences": [french(Audience, "familles").pk],
        "themes": [french(Theme, "numerique").pk],
        "places": [Place.objects.get(slug="local-de-cyberun").pk],
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def public_a(world):
    world.org_a.public_profile = True
    world.org_a.save()
    return world.org_a


def make_service(organisation, name="Accueil du mercredi", creole=None, **fields):
    service = Service.objects.create(
        organisation=organisation, name=name, kind=fields.pop("kind", Service.Kind.WELCOME), **fields
    )
    if creole:
        copy = service.copy_for_translation(service.locale.__class__.objects.get(language_code="rcf"))
        copy.name = creole
        copy.save()
    return service


# Creating and editing, and what residents see -------------------------------------------------------


def test_an_admin_adds_a_service_in_french_and_creole_and_residents_find_it_in_both(
    world, login, public_a, django_capture_on_commit_callbacks
):
    client = login(world, "admin_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("extranet:service_create"), form_data(world))
    assert response.status_code == 302 and response["Location"] == LIST
    original = Service.objects.get(name="Permanence numérique")
    assert original.locale.language_code == "fr"
    creole = Service.objects.get(translation_key=original.translation_key, locale__language_code="rcf")
    assert (creole.name, creole.when, creole.contact) == ("Permanans nimérik", "Mardi bomatin", "0262 00 00 00")
    # The translation has the original's relations.
    assert list(creole.places.values_list("slug", flat=True)) == ["local-de-cyberun"]
    listed = soup(client.get(LIST))
    assert listed.select_one(".object-list__title").get_text(strip=True) == "Permanence numérique"
    assert listed.select_one(".object-list [lang=rcf]").get_text(strip=True) == "Permanans nimérik"

    visitor = Client()
    assert "Permanence numérique" in service_titles(visitor.get(directory(), {"besoin": "digital"}))
    assert "Permanans nimérik" in service_titles(visitor.get(directory("rcf"), {"besoin": "digital"}))
    page = visitor.get(f"{directory('rcf')}{public_a.slug}/")
    assert "Permanans nimérik" in service_titles(page) and "Mardi bomatin" in text(page)
    assert "Permanence numérique" in service_titles(visitor.get(f"{directory()}{public_a.slug}/"))
    # The search index followed, in each language.
    found = text(visitor.get("/recherche/", {"q": "Permanence numérique"}))
    assert "Permanence numérique — Organisation A" in found
    assert "Permanans nimérik — Organisation A" in text(visitor.get("/rcf/recherche/", {"q": "Permanans"}))


def test_an_edit_shows_on_the_cached_directory_pages_at_once(
    world, login, public_a, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    service = make_service(public_a, creole="Lakèy mèrkrodi")
    visitor = Client()
    for url in (directory(), directory("rcf"), f"{directory()}{public_a.slug}/", f"{directory('rcf')}{public_a.slug}/"):
        visitor.get(url)
        assert visitor.get(url)["X-Cache"] == "hit"
    client = login(world, "admin_a")
    edit = reverse("extranet:service_edit", args=[service.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, form_data(world, name="Accueil du jeudi", name_rcf="Lakèy zédi"))
    assert response.status_code == 302
    assert "Accueil du jeudi" in service_titles(visitor.get(f"{directory()}{public_a.slug}/"))
    assert "Lakèy zédi" in service_titles(visitor.get(f"{directory('rcf')}{public_a.slug}/"))
    assert "Lakèy mèrkrodi" not in text(visitor.get(directory("rcf")))
    assert Service.objects.filter(translation_key=service.translation_key).count() == 2
    cache.clear()


def test_the_edit_form_shows_both_languages_and_empty_creole_boxes_take_the_french(world, login, public_a):
    service = make_service(public_a, creole="Lakèy mèrkrodi", when="Le mercredi")
    client = login(world, "admin_a")
    page = soup(client.get(reverse("extranet:service_edit", args=[service.pk])))
    assert page.select_one("#id_name")["value"] == "Accueil du mercredi"
    assert page.select_one("#id_name")["lang"] == "fr"
    assert page.select_one("#id_name_rcf")["value"] == "Lakèy mèrkrodi"
    assert page.select_one("#id_name_rcf")["lang"] == "rcf"
    # The Creole copy holds the French "when" (nobody translated it): the box says so by being empty.
    assert page.select_one("#id_when_rcf").get("value") is None
    assert page.select_one("label[for=id_name_rcf]").get_text(strip=True) == "Nom, en créole"


def test_leaving_every_creole_box_empty_removes_the_translation(
    world, login, public_a, django_capture_on_commit_callbacks
):
    service = make_service(public_a, creole="Lakèy mèrkrodi")
    client = login(world, "admin_a")
    blank = {f"{name}_rcf": "" for name in ("name", "summary", "when", "contact", "cost")}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("extranet:service_edit", args=[service.pk]), form_data(world, **blank))
    languages = Service.objects.filter(translation_key=service.translation_key).values_list("locale__language_code")
    assert list(languages) == [("fr",)]
    # The Creole directory shows the French words, as for any service not translated yet.
    assert "Permanence numérique" in service_titles(Client().get(f"{directory('rcf')}{public_a.slug}/"))


# Bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "required", "creole_name_missing"),
    [
        ("fr", "Ce champ est obligatoire.", "Donnez aussi le nom en créole"),
        ("rcf", "I fo ranpli shan-la.", "Mèt osi lo non an kréol"),
    ],
)
def test_mistakes_are_explained_in_the_readers_language_and_what_was_typed_is_kept(
    world, login, language, required, creole_name_missing
):
    client = login(world, "admin_a")
    prefix = "" if language == "fr" else "/rcf"
    with translation.override(language):
        url = reverse("extranet:service_create")
    assert url.startswith(f"{prefix}/extranet/")
    response = client.post(url, form_data(world, name="", name_rcf="", summary="Ce que j'ai écrit"))
    assert response.status_code == 400
    page = soup(response)
    assert page.html["lang"] == language
    errors = page.select_one("#form-errors").get_text(" ", strip=True)
    assert required in errors and creole_name_missing in errors
    assert page.select_one("#id_summary").get_text().strip() == "Ce que j'ai écrit"
    assert page.select_one("#id_summary_rcf").get_text().strip() == "Èd pou bann démarsh si internet."
    assert page.select_one("#id_name")["aria-invalid"] == "true"
    assert page.select_one(f"input[name=places][value='{Place.objects.get(slug='local-de-cyberun').pk}']").has_attr(
        "checked"
    )
    assert not Service.objects.filter(organisation=world.org_a).exists()


def test_nothing_is_half_written_when_the_translation_cannot_be_saved(world, public_a):
    """Someone translated the service in the admin while this form was open: the French change is undone too."""
    service = make_service(public_a)
    with translation.override("fr"):
        own = Organisation.objects.filter(pk=public_a.pk)
        form = ServiceForm(form_data(world, name="Nouveau nom"), instance=service, organisations=own, translation=None)
        assert form.is_valid(), form.errors
    concurrent = service.copy_for_translation(service.locale.__class__.objects.get(language_code="rcf"))
    concurrent.name = "Traduit ailleurs"
    concurrent.save()
    with pytest.raises(IntegrityError):
        form.save()
    service.refresh_from_db()
    assert service.name == "Accueil du mercredi"
    assert not service.places.exists()


# Who may -------------------------------------------------------------------------------------------


def test_members_see_their_organisations_services_without_changing_them(world, login, public_a):
    service = make_service(public_a)
    other = make_service(world.org_b, name="Service de B")
    client = login(world, "member_a")
    page = text(client.get(LIST))
    assert "Accueil du mercredi" in page and "Service de B" not in page
    assert "Les admins de votre organisation" in page
    assert not soup(client.get(LIST)).select(f"a[href='{reverse('extranet:service_edit', args=[service.pk])}']")
    for name in ("service_edit", "service_delete"):
        assert client.post(reverse(f"extranet:{name}", args=[service.pk]), form_data(world)).status_code == 404
    assert client.post(reverse("extranet:service_create"), form_data(world)).status_code == 404
    assert Service.objects.get(pk=service.pk).name == "Accueil du mercredi"
    # Another organisation's admin: 404, as if it did not exist.
    assert login(world, "admin_a").post(reverse("extranet:service_delete", args=[other.pk])).status_code == 404
    assert Service.objects.filter(pk=other.pk).exists()


def test_coordinators_see_and_edit_every_organisations_services(
    world, login, public_a, django_capture_on_commit_callbacks
):
    make_service(public_a)
    other = make_service(world.org_b, name="Service de B")
    client = login(world, "coordinator")
    page = text(client.get(LIST))
    assert "Accueil du mercredi" in page and "Service de B" in page
    form = soup(client.get(reverse("extranet:service_edit", args=[other.pk])))
    assert form.select_one("#id_organisation option[selected]").get_text() == "Organisation B"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("extranet:service_edit", args=[other.pk]), form_data(world, organisation=world.org_b.pk))
    other.refresh_from_db()
    assert other.name == "Permanence numérique" and other.organisation == world.org_b


def test_deleting_asks_first_then_removes_both_languages(world, login, public_a):
    service = make_service(public_a, creole="Lakèy mèrkrodi")
    client = login(world, "admin_a")
    url = reverse("extranet:service_delete", args=[service.pk])
    with CaptureQueriesContext(connection) as queries:
        confirm = client.get(url)
    assert confirm.status_code == 200 and database_writes(queries) == []
    assert "Supprimer « Accueil du mercredi » ?" in text(confirm)
    assert soup(confirm).select_one("form.confirm button").get_text(strip=True) == "Oui, le supprimer"
    assert Service.objects.filter(translation_key=service.translation_key).count() == 2
    response = client.post(url)
    assert response.status_code == 302
    assert not Service.objects.filter(translation_key=service.translation_key).exists()
    assert "« Accueil du mercredi » a été supprimé." in text(client.get(LIST))


# Cost ----------------------------------------------------------------------------------------------


# The session and user, the partner checks, the user's organisations (for the filter), the count, the
# services, their places, which are in Creole, what the user may change, the directory's address, the
# page's header and footer; then the session.
LIST_QUERIES = 27


@pytest.mark.parametrize("role", ["member_a", "admin_a"])
def test_the_list_costs_the_same_queries_with_one_or_thirty_services(world, login, public_a, role):
    client = login(world, role)
    places = list(Place.objects.all()[:2])

    def add(count):
        for number in range(count):
            service = make_service(public_a, name=f"Service {number:02}", creole=f"Sèrvis {number:02}")
            service.places.set(places)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(captured)

    add(1)
    client.get(LIST)  # the steady state
    one = queries()
    add(29)
    assert queries() == one == LIST_QUERIES


# With the real worker ------------------------------------------------------------------------------


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_an_edited_service_is_found_by_the_search_once_the_worker_has_indexed_it(demo_site, client, settings):
    """The save commits; the search's Celery task, on a real worker, indexes both languages."""
    service = Service.objects.get(name="Coworking et accès à la fibre", locale__language_code="fr")
    client.force_login(get_user_model().objects.get(username="admin@alambic.re"))
    data = {
        "organisation": service.organisation_id,
        "name": "Coworking, fibre et impression 3D",
        "name_rcf": "Koworking, lafib é enprimant 3D",
        "summary": service.summary,
        "kind": service.kind,
        "reach": service.reach,
        "when": service.when,
        "audiences": list(service.audiences.values_list("pk", flat=True)),
        "themes": list(service.themes.values_list("pk", flat=True)),
        "places": list(service.places.values_list("pk", flat=True)),
    }
    with real_worker(settings.TEST_REDIS_URL):
        response = client.post(reverse("extranet:service_edit", args=[service.pk]), data)
        assert response.status_code == 302

        def found(url, words, title):
            titles = [
                link.get_text(" ", strip=True)
                for link in soup(Client().get(url, {"q": words})).select(".search-results a")
            ]
            return any(found.startswith(title) for found in titles)

        assert wait_until(lambda: found("/recherche/", "impression 3D", "Coworking, fibre et impression 3D"))
        assert wait_until(lambda: found("/rcf/recherche/", "enprimant", "Koworking, lafib é enprimant 3D"))
    assert not found("/recherche/", "Coworking et accès à la fibre", "Coworking et accès à la fibre")


# Where else they show -------------------------------------------------------------------------------


def test_the_dashboard_leads_to_our_services(world, login):
    for role in ("member_a", "admin_a"):
        dashboard = soup(login(world, role).get(reverse("extranet:dashboard")))
        assert dashboard.select_one(f"#section-organisations ~ p a[href='{LIST}']"), role


def test_editors_find_a_partners_service_in_the_admin_filtered_by_organisation(client, world, public_a):
    make_service(public_a, name="Accueil du mercredi", creole="Lakèy mèrkrodi")
    make_service(world.org_b, name="Service de B")
    sign_in_verified(client, UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True))
    response = client.get("/admin/snippets/annuaire/service/", {"organisation": public_a.pk, "locale": "fr"})
    assert response.status_code == 200
    page = text(response)
    assert "Accueil du mercredi" in page and "Service de B" not in page


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_hostile_words_are_shown_as_typed_never_run(
    world, login, public_a, payload, django_capture_on_commit_callbacks
):
    client = login(world, "admin_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("extranet:service_create"),
            form_data(world, name=payload, name_rcf=payload, summary=payload, when_rcf=payload),
        )
    assert response.status_code == 302
    service = Service.objects.get(name=payload, locale__language_code="fr")
    assert_clean(client.get(LIST))
    assert_clean(client.get(reverse("extranet:service_edit", args=[service.pk])))
    assert_clean(client.get(reverse("extranet:service_delete", args=[service.pk])))
    for language in ("fr", "rcf"):
        assert_clean(Client().get(f"{directory(language)}{public_a.slug}/"))


def test_an_admin_cannot_file_a_service_under_another_organisation(world, login, public_a):
    client = login(world, "admin_a")
    response = client.post(reverse("extranet:service_create"), form_data(world, organisation=world.org_b.pk))
    assert response.status_code == 400
    assert not Service.objects.filter(name="Permanence numérique").exists()


def test_coordinators_narrow_the_list_to_one_organisation(world, login, public_a):
    make_service(public_a)
    make_service(world.org_b, name="Service de B")
    client = login(world, "coordinator")
    page = soup(client.get(LIST, {"organisation": world.org_b.slug}))
    assert [title.get_text(strip=True) for title in page.select(".object-list__title")] == ["Service de B"]
    assert page.select_one("#id_organisation option[selected]").get_text() == "Organisation B"
    # One organisation only: nothing to choose, no filter.
    assert not soup(login(world, "admin_a").get(LIST)).select("#id_organisation")
