"""The extranet's world (one call of organisation A at each visibility level, one user per role), and helpers."""

import pytest
from django.urls import reverse

from appels.models import FundingPage
from tests.extranet.conftest import login, world  # noqa: F401 (fixtures shared with the extranet's tests)


@pytest.fixture
def funding_page(db):
    return FundingPage.objects.get(locale__language_code="fr")


def public_call_url(page, call):
    return page.url + page.reverse_subpage("call", args=[call.pk])


def detail_url(call):
    return reverse("extranet:funding_call_detail", args=[call.pk])
