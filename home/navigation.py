"""Links shown on every page, resolved to the visitor's language in a constant number of queries."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from home.site_settings import FooterText, LegalSettings, SiteSettings


def active_locale(request):
    """The Locale of the request's language, looked up once per request."""
    if not hasattr(request, "_active_locale"):
        request._active_locale = Locale.get_active()
    return request._active_locale


def localized_pages(pages, locale):
    """Map each page to its live version in ``locale`` (itself when untranslated), in one query."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    translations = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in pages], locale=locale
        )
    }
    return {page.pk: translations.get(page.translation_key, page) for page in pages}


def link(page, request, current_page=None):
    return {
        "title": page.title,
        "url": page.get_url(request),
        "is_current": current_page is not None and page.pk == current_page.pk,
        "is_ancestor": current_page is not None
        and page.pk != current_page.pk
        and current_page.path.startswith(page.path)
        and page.depth > 2,
    }


def site_chrome(request, current_page=None):
    """The menu, legal links and footer text of the request's site and language."""
    locale = active_locale(request)
    site_settings = SiteSettings.for_request(request)
    legal = LegalSettings.for_request(request)
    menu_pages = [item.page for item in site_settings.menu_items.select_related("page").all()]
    legal_pages = [
        ("legal_notice", legal.legal_notice_page_id),
        ("accessibility", legal.accessibility_page_id),
        ("privacy", legal.privacy_page_id),
        ("sitemap", legal.sitemap_page_id),
    ]
    legal_by_id = {page.pk: page for page in Page.objects.filter(pk__in=[pk for _, pk in legal_pages if pk])}
    localized = localized_pages(menu_pages + list(legal_by_id.values()), locale)
    footer = FooterText.objects.filter(locale=locale).first()
    return {
        # Wagtail serves the root of each language's tree at "/" or "/rcf/".
        "home_url": reverse("wagtail_serve", args=[""]),
        "settings": site_settings,
        "menu": [link(localized[page.pk], request, current_page) for page in menu_pages],
        "legal": {
            name: link(localized[pk], request, current_page)
            for name, pk in legal_pages
            if pk in legal_by_id and pk in localized
        },
        "accessibility_compliance": legal.get_accessibility_compliance_display(),
        "footer_text": footer.body if footer else "",
        "opening_hours": footer.opening_hours if footer else "",
        "social_links": list(site_settings.social_links.all()),
    }


def language_links(request, page=None, subpages=None):
    """The same page in every language, for the switcher and the hreflang alternates.

    ``subpages`` ({language code: (route name, args)}) points a routable page's sub-view, such
    as an event, at the same object under each language's page rather than at that page's top.
    """
    subpages = subpages or {}
    current = get_language()
    translations = {}
    if page is not None and getattr(page, "translation_key", None):
        for translation in Page.objects.live().filter(translation_key=page.translation_key).select_related("locale"):
            translations[translation.locale.language_code] = translation
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
            if code in subpages:
                route, args = subpages[code]
                url += translations[code].specific_deferred.reverse_subpage(route, args=args)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links
