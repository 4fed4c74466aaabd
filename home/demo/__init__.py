"""Demo content for `make run`, in French with its Creole translation side by side.

Each piece of text is a ``T(fr, rcf)`` pair (see caserurale.demo): the French builds the pages,
and the pairs become the translation memory wagtail-localize uses to translate them.
"""

from caserurale.demo import T

__all__ = ["T"]
