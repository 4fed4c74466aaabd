import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from annuaire.models import Place
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db


def test_the_demo_network_of_places_exists_with_points_on_the_map():
    alambic = Place.objects.get(name="Médiathèque L'Alambic")
    assert alambic.has_point and alambic.step_free_access
    assert alambic.organisation.name == "Médiathèque L'Alambic"
    assert Place.objects.count() >= 5


def test_a_point_outside_the_globe_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.create(name="Nulle part", address="?", latitude=123, longitude=55)


def test_coordinators_manage_places_in_the_admin(client):
    sign_in_verified(client, UserFactory(username="lieux@caserurale.re", is_staff=True, is_superuser=True))
    response = client.get(reverse("places:index"))
    assert response.status_code == 200
    assert "Pôle LENA" in response.content.decode()
