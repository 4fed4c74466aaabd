"""Synonyms in the reader's language: a Creole reader's search uses the Creole translation of a
group, and the French group where none is translated; a French reader uses the French groups."""

import pytest
from wagtail.models import Locale

from search.engine import Search, synonym_groups
from search.models import SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales():
    return Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf")


@pytest.fixture
def groups(locales):
    french, creole = locales
    translated = SynonymGroup.objects.create(locale=french, name="test cocagne", words="cocagne, paniers")
    creole_copy = translated.copy_for_translation(creole)
    creole_copy.name, creole_copy.words = "test kokagn", "cocagne, paniers, zorblok"
    creole_copy.save()
    untranslated = SynonymGroup.objects.create(locale=french, name="test alambic", words="alambic, qwertyx")
    return translated, creole_copy, untranslated


def test_the_demo_synonyms_have_their_creole_translations(locales):
    french, creole = locales
    work = SynonymGroup.objects.get(locale=french, name="travail")
    travay = work.get_translation(creole)
    assert travay.name == "travay"
    assert {"travay", "emploi", "anplwa"} <= set(travay.word_list())


def test_each_language_reads_its_groups_and_creole_falls_back_to_french(locales, groups):
    french, creole = locales
    translated, creole_copy, untranslated = groups
    assert {translated, untranslated} <= set(synonym_groups(french))
    assert creole_copy not in set(synonym_groups(french))
    creole_groups = set(synonym_groups(creole))
    assert creole_copy in creole_groups and untranslated in creole_groups
    assert translated not in creole_groups


def titles(query, locale):
    return [entry.title for entry in Search(query, user=None, locale=locale).results[:5]]


def test_a_creole_word_finds_through_the_creole_group_only(locales, groups):
    french, creole = locales
    assert any("Cocagne" in title for title in titles("zorblok", creole))
    assert not any("Cocagne" in title for title in titles("zorblok", french))
    # The untranslated French group serves Creole readers too.
    assert any("Alambic" in title for title in titles("qwertyx", creole))


def test_the_creole_search_page_uses_the_creole_synonyms(client, groups):
    assert "Cocagne" in client.get("/rcf/recherche/", {"q": "zorblok"}).content.decode()
    assert "Cocagne" not in client.get("/recherche/", {"q": "zorblok"}).content.decode()
