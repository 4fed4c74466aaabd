"""Funding calls in tests: two organisations and their members, calls at any visibility, the extranet's
world (one call of organisation A at each level, one user per role), and the public page."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Membership, Organisation, Theme
from appels.models import Deadline, FundingCall, FundingPage, Interest
from tests.extranet.conftest import login, world  # noqa: F401 (fixtures shared with the extranet's tests)
from tests.factories import UserFactory


def make_member(email, organisation):
    user = UserFactory(username=email, email=email, first_name=email.split("@")[0].title())
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    return user


def make_call(owner, title, *, visibility=Visibility.PUBLIC, deadlines=(), themes=(), created_at=None, **fields):
    """A call shared at ``visibility`` with deadlines (dates, or (date, kind, label) tuples)."""
    call = FundingCall(owner=owner, title=title, locale=Locale.get_default(), **fields)
    if created_at is not None:
        call.created_at = created_at
    access.share(call, visibility=visibility)
    for deadline in deadlines:
        due_on, kind, label = deadline if isinstance(deadline, tuple) else (deadline, Deadline.Kind.SUBMISSION, "")
        Deadline.objects.create(call=call, due_on=due_on, kind=kind, label=label)
    if themes:
        call.themes.set(Theme.objects.filter(slug__in=themes, locale=call.locale))
    return call


def translate(call, title, summary=""):
    """The call's Creole translation (a row of its own, with the original's rights)."""
    translation = call.copy_for_translation(Locale.objects.get(language_code="rcf"))
    translation.title = title
    translation.summary = summary
    translation.save()
    access.sync_object_permissions(call)
    return translation


def follow(user, call):
    return Interest.objects.create(user=user, call=call)


@pytest.fixture
def people(db):
    org_a = Organisation.objects.create(name="Association Ti Zardin")
    org_b = Organisation.objects.create(name="Ferme des Hauts")
    return SimpleNamespace(
        org_a=org_a,
        org_b=org_b,
        member_a=make_member("lea@tizardin.re", org_a),
        member_b=make_member("paul@fermedeshauts.re", org_b),
    )


@pytest.fixture
def in_days():
    today = timezone.localdate()
    return lambda days: today + timedelta(days=days)


@pytest.fixture
def funding_page(db):
    return FundingPage.objects.get(locale__language_code="fr")


def public_call_url(page, call):
    return page.url + page.reverse_subpage("call", args=[call.pk])


def detail_url(call):
    return reverse("extranet:funding_call_detail", args=[call.pk])


@pytest.fixture
def without_demo_calls(request):
    """The demo's calls and follows would land in these tests' e-mails, pages and counts.

    Only for tests in a rolled-back transaction: a committing test rebuilds the demo site itself."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    FundingCall.objects.all().delete()
