import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation

from caserurale.demo import InconsistentTranslation, T, translation_memory
from home.demo import content
from parcours.demo import seed as pathways

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "translations": StringTranslation.objects.count(),
    }


def test_seeding_twice_changes_nothing():
    before = counts()  # the suite's database was seeded once already
    output = io.StringIO()

    call_command("load_demo_content", stdout=output)

    assert counts() == before
    assert "nothing to do" in output.getvalue()


def test_demo_site_is_complete_in_both_languages():
    french = Page.objects.filter(locale__language_code="fr", depth__gt=1, alias_of__isnull=True)
    creole = Page.objects.filter(locale__language_code="rcf", depth__gt=1, alias_of__isnull=True)
    # The home page, the pages of home's content, and the pathways' index with its pathways.
    assert french.count() == 1 + len(content.PAGES) + 1 + len(pathways.PATHWAYS)
    assert creole.count() == french.count(), "every demo page is translated, none left as an alias"
    for slug in ("le-projet", "nos-missions", "manifeste", "la-case-rurale-a-l-alambic", "mentions-legales"):
        assert french.filter(slug=slug).exists() and creole.filter(slug=slug).exists()


def test_the_same_french_text_always_gets_the_same_creole_translation():
    memory = translation_memory(
        content.IMAGES, content.HOME, content.PAGES, content.FOOTER_TEXT, content.CONTACT_DETAILS
    )
    assert len(memory) > 200


@pytest.mark.parametrize(
    "pairs",
    [[T("Nos missions", "Nout bann mision"), T("Nos missions", "Nout misyon")], [T("Accueil", " ")]],
    ids=["two translations", "empty"],
)
def test_the_translation_memory_refuses_inconsistent_pairs(pairs):
    with pytest.raises(InconsistentTranslation):
        translation_memory(pairs)
