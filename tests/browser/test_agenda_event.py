"""An event page in a real browser: no request leaves the site (the map is drawn inline), axe-core
finds nothing serious, and nothing is wider than a phone's screen, in French and in Creole."""

import pytest

from agenda.models import AgendaPage, Event
from tests.browser.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_event_page_with_map_and_calendar_links_in_both_languages(live_site, browser):
    fablab = Event.objects.get(title="Fablab ouvert")
    creole = fablab.get_translations().get()
    for language, event in (("fr", fablab), ("rcf", creole)):
        agenda = AgendaPage.objects.get(locale__language_code=language)
        for width in (375, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            failed = []
            page.on("requestfailed", lambda request, failed=failed: failed.append(request.url))
            page.on("response", lambda response, failed=failed: response.status >= 400 and failed.append(response.url))
            page.goto(f"{live_site.url}{agenda.url}evenement/{event.pk}/")
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator(".place-map__svg").is_visible()
            assert page.locator(".place-map__marker").bounding_box()["width"] > 0
            assert [v for v in run_axe(page) if v[1] in {"serious", "critical"}] == []
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert failed == []
            context.close()
