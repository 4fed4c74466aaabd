from django import template
from wagtail.models import Page

from home import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    request = context["request"]
    # Computed once per request even if several templates ask for it.
    if not hasattr(request, "_site_chrome"):
        request._site_chrome = navigation.site_chrome(request, context.get("page"))
    return request._site_chrome


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    if not hasattr(request, "_language_links"):
        request._language_links = navigation.language_links(
            request, context.get("page"), context.get("subpage_translations")
        )
    return request._language_links


@register.simple_tag
def content_language(page):
    """The language a page's text is written in: an alias shows the text of the page it copies."""
    if page is None or not getattr(page, "alias_of_id", None):
        return None
    return Page.objects.filter(pk=page.alias_of_id).values_list("locale__language_code", flat=True).first()


@register.simple_tag(takes_context=True)
def localized_url(context, page):
    """The URL of ``page`` in the visitor's language (of the page itself while untranslated)."""
    if page is None:
        return ""
    request = context["request"]
    translated = navigation.localized_pages([page], navigation.active_locale(request))
    return translated[page.pk].get_url(request)
