"""One address per language for the translatable objects shown under a routable page.

An event or a funding call is a family of rows, one per language (wagtail-localize's
``translation_key``). Each language's site shows the family's row in its own language, or
the row it has when that one is not translated yet; any other row of the family, asked for
under that site, redirects there, so a text is never shown under the other language's site.
"""

from django.conf import settings


def rows_by_language(published, obj):
    """{language code: pk of the row each language's site shows} for ``obj``'s family.

    ``published`` is what the public site may show (live, public); one query.
    """
    rows = dict(published.filter(translation_key=obj.translation_key).values_list("locale__language_code", "pk"))
    return {code: rows.get(code, obj.pk) for code, _name in settings.LANGUAGES}


def subpage_translations(route, pks):
    """The route and arguments of the same object under each language's page, for the language links."""
    return {code: (route, (pk,)) for code, pk in pks.items()}
