"""The kinds of things the site search finds, one adapter each.

An adapter says which objects to index (``objects``), what to index of one object (``document``),
what a reader may see (``visible``: a queryset of primary keys, so visibility is applied inside the
search query), and where a result links to (``link``). Registering a new kind is one call::

    registry.register(Kind(name="service", label=_("Services"), model=Service, ...))

``search.kinds`` registers the site's kinds; ``search.indexing`` keeps their entries up to date.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PUBLIC, EXTRANET = "public", "extranet"


@dataclass(frozen=True)
class Document:
    """What is indexed of one object in one language ("" for every language)."""

    language: str
    title: str
    body: str = ""
    url: str = ""
    starts: object = None
    ends: object = None
    where: str = ""
    french: bool = True


@dataclass(frozen=True)
class Kind:
    name: str
    label: object  # plural, translatable: the facet's name
    model: type
    objects: Callable  # () -> queryset of everything to index
    document: Callable  # (obj) -> list of Document, [] when not searchable at all
    visible: Callable  # (user, locale) -> queryset of the visible objects' primary keys, on the public site
    link: Callable | None = None  # (entry, parents) -> URL; default: the stored URL
    # In the partners' space: what a partner may see there, and where it links to.
    partners_visible: Callable | None = None
    partners_link: Callable | None = None
    parent: type | None = None  # page type whose address (in the reader's language) links need
    watched: tuple = field(default=())  # other models whose saving changes this kind's entries


class Registry:
    def __init__(self):
        self._kinds = {}

    def register(self, kind):
        self._kinds[kind.name] = kind
        return kind

    def get(self, name):
        return self._kinds[name]

    def all(self):
        return list(self._kinds.values())

    def in_area(self, area):
        if area == EXTRANET:
            return [kind for kind in self._kinds.values() if kind.partners_visible]
        return [kind for kind in self._kinds.values() if kind.visible]

    def facets(self, area, counts, selected):
        """The kind filters of ``area`` that found something, with their counts, whatever the engine."""
        return [
            {"name": kind.name, "label": kind.label, "count": counts[kind.name], "selected": kind.name == selected}
            for kind in self.in_area(area)
            if counts.get(kind.name)
        ]

    def for_model(self, model):
        return [kind for kind in self._kinds.values() if issubclass(model, kind.model)]


registry = Registry()
