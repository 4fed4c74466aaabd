"""Demo content for `make run`, in French with its Creole translation side by side.

Each piece of text is a ``T(fr, rcf)`` pair: the French builds the pages, and the
pairs become the translation memory wagtail-localize uses to translate them.
"""

from typing import NamedTuple


class T(NamedTuple):
    fr: str
    rcf: str
