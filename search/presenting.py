"""Search results as the reader sees them: their link in the reader's language and an excerpt
with the matching words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from search.registry import PUBLIC, registry
from search.text import ELISION, fold, stem

TOKEN = re.compile(r"\w+", re.UNICODE)
EXCERPT_WORDS = 30


def parent_pages(locale, kinds):
    """The live page each kind's links hang from, in the reader's language (one query)."""
    models = {kind.parent for kind in kinds if kind.parent}
    if not models:
        return {}
    pages = Page.objects.live().filter(locale=locale).type(*models).specific()
    parents = {}
    for page in pages:
        parents.setdefault(type(page), page)
    return parents


def matches(word, terms, prefixes):
    folded = fold(ELISION.sub("", word))
    return folded in terms or stem(folded) in terms or any(folded.startswith(prefix) for prefix in prefixes)


def highlight(text, terms, prefixes, length=EXCERPT_WORDS):
    """Up to ``length`` words of ``text`` around the first match, matches in <mark>."""
    tokens = list(TOKEN.finditer(text))
    if not tokens:
        return ""
    first = next((i for i, token in enumerate(tokens) if matches(token.group(), terms, prefixes)), 0)
    start = max(0, first - length // 3)
    end = min(len(tokens), start + length)
    begin, finish = tokens[start].start(), tokens[end - 1].end()
    pieces, position = [], begin
    for token in tokens[start:end]:
        pieces.append(escape(text[position : token.start()]))
        word = escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if matches(token.group(), terms, prefixes) else word)
        position = token.end()
    html = "".join(pieces)
    # Every piece of text was escaped above; only the <mark> tags are ours.
    return mark_safe(("… " if begin else "") + html + (" …" if finish < len(text) else ""))  # noqa: S308


def present(entries, search, locale, area=PUBLIC):
    kinds = registry.in_area(area)
    parents = parent_pages(locale, kinds) if area == PUBLIC else {}
    terms, prefixes = search.terms(), search.prefixes()
    for entry in entries:
        kind = registry.get(entry.kind)
        link = kind.partners_link if area != PUBLIC else kind.link
        entry.link = link(entry, parents) if link else entry.url
        entry.kind_label = kind.label
        entry.title_html = highlight(entry.title, terms, prefixes, length=60)
        entry.excerpt = highlight(entry.body, terms, prefixes) if entry.body else ""
    return entries
