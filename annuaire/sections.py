"""What other apps add to an organisation's or a place's public page (its events, its funding calls…).

The directory knows no agenda and no funding calls (DESIGN.md: `annuaire` uses none of them): those
apps register here, at start-up, a function that returns what to show, and the page renders it.
A section function takes ``(obj, locale)`` and returns ``None`` or a :class:`Section`; each runs a
fixed number of queries, so a page's count does not grow with what it shows.
"""

from typing import NamedTuple


class Section(NamedTuple):
    title: str
    template: str
    items: list


ORGANISATION_SECTIONS = []
PLACE_SECTIONS = []


def organisation_section(function):
    ORGANISATION_SECTIONS.append(function)
    return function


def place_section(function):
    PLACE_SECTIONS.append(function)
    return function


def sections_for(functions, obj, locale):
    return [section for section in (function(obj, locale) for function in functions) if section and section.items]
