"""What each organisation offers, in French and Creole: the demo services and how translations follow."""

import pytest
from django.urls import reverse

from annuaire.models import Organisation, OrganisationDescription, Service
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db


def test_demo_services_of_the_framing_document_exist_in_both_languages():
    grocery = Service.objects.get(locale__language_code="fr", name="Aide alimentaire à l'épicerie sociale")
    creole = grocery.get_translation(grocery.get_translations().get().locale)
    assert creole.name == "Èd pou manzé lépisri sosial"
    assert creole.organisation == grocery.organisation and creole.kind == Service.Kind.FOOD
    assert {place.name for place in creole.places.all()} == {"Épicerie sociale Mon Bertel"}
    assert set(creole.audiences.values_list("slug", flat=True)) == set(grocery.audiences.values_list("slug", flat=True))
    kinds = set(Service.objects.filter(locale__language_code="fr").values_list("kind", flat=True))
    assert {"welcome", "food", "digital", "training", "hosting", "support", "equipment"} <= kinds


def test_a_translation_follows_its_original_organisation_kind_reach_and_relations(django_capture_on_commit_callbacks):
    cyberun = Service.objects.get(locale__language_code="fr", name="Aide aux démarches en ligne")
    with django_capture_on_commit_callbacks(execute=True):
        cyberun.reach = Service.Reach.APPOINTMENT
        cyberun.save()
        cyberun.themes.clear()
    creole = cyberun.get_translations().get()
    assert creole.reach == Service.Reach.APPOINTMENT
    assert not creole.themes.exists()


def test_public_services_are_those_of_public_profiles_and_each_shows_once_per_language():
    hidden = Organisation.objects.create(name="Association discrète", public_profile=False)
    Service.objects.create(organisation=hidden, name="Service discret", kind=Service.Kind.SUPPORT)
    french = Service.objects.get(locale__language_code="fr", name="Espace test agricole").locale
    creole = Service.objects.exclude(locale=french).first().locale
    Service.objects.create(
        organisation=Organisation.objects.get(name="Cyberun"), name="Seulement en français", kind="digital"
    )
    names = set(Service.objects.public().in_locale(creole).values_list("name", flat=True))
    assert "Lespas tès agrikol" in names and "Espace test agricole" not in names
    assert "Seulement en français" in names  # not translated yet: shown in French
    assert "Service discret" not in set(Service.objects.public().values_list("name", flat=True))


def test_organisations_have_a_description_in_creole():
    cyberun = Organisation.objects.get(name="Cyberun")
    assert OrganisationDescription.objects.get(organisation=cyberun, locale__language_code="rcf").text.startswith(
        "Asosiasion"
    )


def test_editors_see_every_service_in_the_admin(client):
    sign_in_verified(client, UserFactory(username="services@caserurale.re", is_staff=True, is_superuser=True))
    response = client.get(reverse("wagtailsnippets_annuaire_service:list"))
    assert response.status_code == 200
    assert "Espace test agricole" in response.content.decode()
