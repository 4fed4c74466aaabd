"""Three organisations, a circle, one user per role, and A's objects at every visibility level."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from agenda.models import Event
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Circle, Membership, Organisation
from appels.models import Attachment, Deadline, FundingCall
from extranet.models import Document, Resource
from search.indexing import index_objects
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

ROLES = ["anonymous", "member_a", "admin_a", "member_b", "circle_member", "coordinator"]


def make_user(username, organisation=None, role=Membership.Role.MEMBER):
    user = UserFactory(username=username, email=username, first_name=username.split("@")[0].title(), last_name="Test")
    if organisation:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def world(db):
    org_a = Organisation.objects.create(name="Organisation A")
    org_b = Organisation.objects.create(name="Organisation B")
    org_c = Organisation.objects.create(name="Organisation C")
    circle = Circle.objects.create(name="Cercle AC")
    circle.organisations.set([org_a, org_c])
    other_circle = Circle.objects.create(name="Cercle B")
    other_circle.organisations.set([org_b])
    users = {
        "anonymous": None,
        "member_a": make_user("membre@a.re", org_a),
        "admin_a": make_user("admin@a.re", org_a, Membership.Role.ADMIN),
        "member_b": make_user("membre@b.re", org_b),
        "circle_member": make_user("membre@c.re", org_c),
        "coordinator": make_user("coordination@caserurale.re"),
    }
    users["coordinator"].groups.add(Group.objects.get_or_create(name=access.COORDINATORS_GROUP)[0])
    resources, documents, events, funding_calls = {}, {}, {}, {}
    for level in Visibility.values:
        resource = Resource(owner=org_a, name=f"Ressource {level} de A", description=f"secret-{level}")
        access.share(resource, visibility=level, circles=[circle] if level == Visibility.CIRCLE else [])
        resources[level] = resource
        document = Document(owner=org_a, title=f"Document {level} de A")
        document.file.save(f"{level}.txt", ContentFile(f"contenu {level}".encode()), save=False)
        access.share(document, visibility=level, circles=[circle] if level == Visibility.CIRCLE else [])
        documents[level] = document
        start = timezone.now() + timedelta(days=3)
        event = Event(owner=org_a, title=f"Rencontre {level} de A", start=start, end=start + timedelta(hours=2))
        access.share(event, visibility=level, circles=[circle] if level == Visibility.CIRCLE else [])
        event.sync_occurrences()  # what saving does after commit, which a test's transaction never reaches
        events[level] = event
        call = FundingCall(
            owner=org_a, title=f"Appel {level} de A", summary=f"appel-secret-{level}", url="https://a.re"
        )
        access.share(call, visibility=level, circles=[circle] if level == Visibility.CIRCLE else [])
        Deadline.objects.create(call=call, due_on=timezone.localdate() + timedelta(days=30))
        attachment = Attachment(call=call, title=f"Règlement {level}")
        attachment.file.save(f"reglement-{level}.txt", ContentFile(f"règlement {level}".encode()), save=False)
        attachment.save()
        call.attachment = attachment
        funding_calls[level] = call
    # What the search's Celery task does once the transaction commits, which a test never reaches.
    for kind, objects in (("resource", resources), ("document", documents), ("event", events), ("call", funding_calls)):
        index_objects(kind, [obj.pk for obj in objects.values()])
    return SimpleNamespace(
        org_a=org_a,
        org_b=org_b,
        org_c=org_c,
        circle=circle,
        other_circle=other_circle,
        users=users,
        resources=resources,
        documents=documents,
        events=events,
        funding_calls=funding_calls,
    )


@pytest.fixture
def login(client):
    """Log the client in as a role; coordinators have passed their second factor."""

    def as_role(world, role):
        user = world.users[role]
        if role == "coordinator":
            sign_in_verified(client, user)
        elif user is not None:
            client.force_login(user)
        return client

    return as_role


# Who sees an object of A at each level.
SEES = {
    Visibility.PUBLIC: {"anonymous", "member_a", "admin_a", "member_b", "circle_member", "coordinator"},
    Visibility.PARTNERS: {"member_a", "admin_a", "member_b", "circle_member", "coordinator"},
    Visibility.CIRCLE: {"member_a", "admin_a", "circle_member", "coordinator"},
    Visibility.ORGANISATION: {"member_a", "admin_a", "coordinator"},
}
EDITS = {"admin_a", "coordinator"}
