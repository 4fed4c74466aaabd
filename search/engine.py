"""One ranked search over every registered kind, for one reader.

A query becomes groups of alternatives (a word, its stem, its synonyms, the indexed words close to
a misspelling); an entry scores for each group it matches, more in its title, less by a prefix;
past events and closed calls count for less. Visibility is part of the WHERE clause (each kind's
``visible`` subquery), so results, counts and facets only ever see what the reader may see.
"""

import difflib
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, Count, F, FloatField, Func, IntegerField, Max, Q, Subquery, Value, When
from django.db.models.functions import Now
from django.utils.functional import cached_property

from search.models import SearchEntry, SearchTerm, SynonymGroup
from search.registry import PUBLIC, registry
from search.text import stem, words

MOST_WORDS = 8
PAST_FACTOR = 0.4
TYPO_SIMILARITY = 0.3


def synonym_groups(locale):
    """The groups of the reader's language, and the French ones not translated into it (one query)."""
    french = Q(locale__language_code=settings.LANGUAGE_CODE)
    if locale is None or locale.language_code == settings.LANGUAGE_CODE:
        return SynonymGroup.objects.filter(french)
    translated = SynonymGroup.objects.filter(locale=locale).values("translation_key")
    return SynonymGroup.objects.filter(Q(locale=locale) | (french & ~Q(translation_key__in=translated)))


def synonym_phrases(locale=None):
    """Every synonym as a tuple of folded words -> the phrases of its group."""
    groups = {}
    for group in synonym_groups(locale).only("words"):
        phrases = [tuple(words(word)) for word in group.word_list()]
        phrases = [phrase for phrase in phrases if phrase]
        for phrase in phrases:
            groups.setdefault(phrase, set()).update(phrases)
    return groups


def close_words(unknown):
    """Indexed words close to each misspelt one: trigram similarity on PostgreSQL, difflib elsewhere."""
    if not unknown:
        return {}
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        found = {}
        for word in unknown:
            found[word] = list(
                SearchTerm.objects.annotate(similarity=TrigramSimilarity("word", word))
                .filter(similarity__gte=TYPO_SIMILARITY)
                .order_by("-similarity")
                .values_list("word", flat=True)[:3]
            )
        return found
    vocabulary = list(SearchTerm.objects.values_list("word", flat=True))
    return {word: difflib.get_close_matches(word, vocabulary, n=3, cutoff=0.7) for word in unknown}


@dataclass
class Group:
    """Alternatives of one word (or phrase) of the query, as stored terms ("appel projet"): the
    reader's own words, then synonyms and corrections (which weigh less)."""

    phrases: list
    prefix: str = ""
    others: list = field(default_factory=list)
    weight: float = 1.0  # rarer words weigh more (inverse document frequency)

    def all(self):
        return self.phrases + self.others


def parse(query, locale=None):
    """The query's groups of alternatives, with the synonyms of the reader's language."""
    query_words = words(query)[:MOST_WORDS]
    if not query_words:
        return []
    synonyms = synonym_phrases(locale)
    groups, position = [], 0
    while position < len(query_words):
        for size in (3, 2, 1):
            phrase = tuple(query_words[position : position + size])
            if len(phrase) == size and phrase in synonyms:
                alternatives = synonyms[phrase]
                break
        else:
            size, phrase, alternatives = 1, (query_words[position],), {(query_words[position],)}
        own = {" ".join(phrase), " ".join(stem(word) for word in phrase)}
        others = set()
        for alternative in alternatives:
            others.add(" ".join(alternative))
            others.add(" ".join(stem(word) for word in alternative))
        groups.append(
            Group(
                phrases=sorted(own),
                others=sorted(others - own),
                prefix=phrase[-1] if size == 1 and len(phrase[0]) >= 3 else "",
            )
        )
        position += size
    # Single words without synonyms may be misspelt (or typed in the other language): the indexed
    # words closest to them count too, for less.
    singles = {group.phrases[0]: group for group in groups if not group.others and " " not in group.phrases[0]}
    for word, corrections in close_words([word for word in singles if len(word) >= 4]).items():
        singles[word].others = sorted(set(corrections) - set(singles[word].phrases))
    weigh(groups)
    return groups


class WordsOverlap(Func):
    """PostgreSQL: the column's words share one with ``words`` (GIN index of migration 0003).
    ``LIKE '% word %'`` through trigrams rechecks thousands of long rows on a large index."""

    template = "string_to_array(btrim(%(expressions)s), ' ') && %(words)s::text[]"
    output_field = BooleanField()

    def __init__(self, column, words):
        super().__init__(F(column))
        self.words = list(words)

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"string_to_array(btrim({sql}), ' ') && %s::text[]", [*params, self.words]


def any_phrase(column, phrases):
    condition = Q()
    single = [phrase for phrase in phrases if " " not in phrase]
    if connection.vendor == "postgresql" and column == "terms" and single:
        condition |= Q(WordsOverlap(column, single))
        phrases = [phrase for phrase in phrases if " " in phrase]
    for phrase in phrases:
        condition |= Q(**{f"{column}__contains": f" {phrase} "})
    return condition


def weigh(groups):
    """Inverse document frequency of each group, in one query: only the entries matching a group are
    counted (the trigram index finds them), the index's size comes from a subquery."""
    matching = Q()
    for group in groups:
        matching |= any_phrase("terms", group.all())
    # COUNT as a plain function (not an aggregate) so the subquery is "SELECT COUNT(id) FROM ...".
    everything = SearchEntry.objects.order_by().annotate(n=Func("pk", function="COUNT", output_field=IntegerField()))
    size = Subquery(everything.values("n"))
    counts = SearchEntry.objects.filter(matching).aggregate(
        total=Max(size),
        **{f"g{i}": Count("pk", filter=any_phrase("terms", group.all())) for i, group in enumerate(groups)},
    )
    total = counts["total"] or 1
    for i, group in enumerate(groups):
        group.weight = math.log(1 + total / (1 + counts[f"g{i}"]))


def group_score(group):
    own_anywhere = any_phrase("terms", group.phrases)
    others_anywhere = any_phrase("terms", group.others) if group.others else Q(pk__in=[])
    whens = [When(any_phrase("title_terms", group.phrases), then=Value(3.0))]
    if group.others:
        whens.append(When(any_phrase("title_terms", group.others), then=Value(1.5)))
    whens += [When(own_anywhere, then=Value(1.0)), When(others_anywhere, then=Value(0.5))]
    matches = own_anywhere | others_anywhere
    if group.prefix:
        prefix = Q(terms__contains=f" {group.prefix}")
        whens.append(When(prefix, then=Value(0.4)))
        matches |= prefix
    score = Case(*whens, default=Value(0.0), output_field=FloatField())
    return score * Value(group.weight), matches


def visible(user, locale, area, kinds=None):
    condition = Q()
    for kind in registry.in_area(area):
        if kinds and kind.name not in kinds:
            continue
        pks = kind.partners_visible(user, locale) if area != PUBLIC else kind.visible(user, locale)
        condition |= Q(kind=kind.name, object_id__in=pks)
    return condition or Q(pk__in=[])


class Search:
    """A reader's search: ``results`` (a ranked queryset to page), ``facets``, ``count``."""

    def __init__(self, query, *, user, locale, area=PUBLIC, kind=None):
        self.query, self.user, self.locale, self.area = query, user, locale, area
        self.kind = kind if kind in {k.name for k in registry.in_area(area)} else None
        self.groups = parse(query, locale)

    @cached_property
    def matching(self):
        """Every visible entry matching at least one group, with its rank (before the kind filter)."""
        if not self.groups:
            return SearchEntry.objects.none()
        score = Value(0.0, output_field=FloatField())
        matches = Q()
        for group in self.groups:
            expression, condition = group_score(group)
            score = score + expression
            matches |= condition
        if len(self.groups) > 1:
            # The reader's words side by side ("transition durable") say more than scattered.
            phrase = " ".join(group.phrases[-1] for group in self.groups)
            bonus = sum(group.weight for group in self.groups)
            score = score + Case(
                When(terms__contains=f" {phrase} ", then=Value(bonus)), default=Value(0.0), output_field=FloatField()
            )
        # Past events and closed calls stay findable, below what one can still go to or apply for.
        rank = Case(When(ends__lt=Now(), then=F("score") * PAST_FACTOR), default=F("score"), output_field=FloatField())
        return (
            SearchEntry.objects.filter(matches)
            .filter(visible(self.user, self.locale, self.area))
            .annotate(score=score)
            .annotate(rank=rank)
        )

    @cached_property
    def results(self):
        entries = self.matching
        if self.kind:
            entries = entries.filter(kind=self.kind)
        return entries.order_by("-rank", "title", "pk").defer("terms", "title_terms")

    @cached_property
    def facets(self):
        counts = dict(self.matching.order_by().values_list("kind").annotate(count=Count("pk")))
        return [
            {"name": kind.name, "label": kind.label, "count": counts[kind.name], "selected": kind.name == self.kind}
            for kind in registry.in_area(self.area)
            if counts.get(kind.name)
        ]

    @cached_property
    def count(self):
        return sum(facet["count"] for facet in self.facets if not self.kind or facet["selected"])

    def terms(self):
        """Every alternative word, to highlight the excerpts."""
        return {word for group in self.groups for phrase in group.all() for word in phrase.split()}

    def prefixes(self):
        return {group.prefix for group in self.groups if group.prefix}
