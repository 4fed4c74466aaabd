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
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    FloatField,
    Func,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Length, Now
from django.utils.functional import cached_property

from search.models import SearchEntry, SearchTerm, SynonymGroup
from search.registry import PUBLIC, registry
from search.text import stem, words

MOST_WORDS = 8
PAST_FACTOR = 0.4
# The results are ranked among this many matches (those whose titles match best): far more than
# anyone pages through, few enough that the full score of each costs little.
CANDIDATES = 300
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
    """Indexed words close to each misspelt one, in one query: on PostgreSQL the trigram index of the
    distinct words (never the entries), elsewhere difflib over the words of a length it could accept."""
    if not unknown:
        return {}
    if connection.vendor == "postgresql":
        found = {word: [] for word in unknown}
        with connection.cursor() as cursor:
            cursor.execute(CLOSE_WORDS_SQL, [list(unknown), TYPO_SIMILARITY])
            for word, close in cursor.fetchall():
                found[word].append(close)
        return found
    # difflib's ratio 2M/(a+b) reaches 0.7 only for lengths within 0.54 to 1.86 of each other.
    lengths = Q()
    for word in unknown:
        lengths |= Q(size__gte=math.ceil(len(word) * 0.54), size__lte=int(len(word) / 0.54))
    vocabulary = list(SearchTerm.objects.annotate(size=Length("word")).filter(lengths).values_list("word", flat=True))
    return {word: difflib.get_close_matches(word, vocabulary, n=3, cutoff=0.7) for word in unknown}


# "word % typed" is answered by the trigram index of the distinct words (migration 0002), at
# pg_trgm's similarity threshold (0.3 by default, TYPO_SIMILARITY); the similarity orders them.
CLOSE_WORDS_SQL = """
SELECT typed.word, close.word
FROM unnest(%s::text[]) AS typed(word)
CROSS JOIN LATERAL (
    SELECT term.word FROM search_searchterm AS term
    WHERE term.word %% typed.word AND similarity(term.word, typed.word) >= %s
    ORDER BY similarity(term.word, typed.word) DESC, term.word
    LIMIT 3
) AS close
"""


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


def tsquery(phrases, prefix=""):
    """PostgreSQL tsquery text of alternatives: words, phrases (``<->``) and a prefix (``:*``).
    Terms are ``[a-z0-9]+`` (search.text), so nothing needs quoting."""
    parts = [" <-> ".join(phrase.split()) for phrase in phrases if phrase.strip()]
    if prefix:
        parts.append(f"{prefix}:*")
    return " | ".join(f"({part})" for part in parts)


class Matches(Func):
    """PostgreSQL: the entry's stored tsvector (migration 0004) matches ``tsquery``: one GIN index
    scan for every word, phrase and prefix of a query."""

    output_field = BooleanField()

    def __init__(self, query):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection, **extra):
        alias = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{alias}.search_vector @@ to_tsquery('simple'::regconfig, %s)", [self.query]


def any_phrase(column, phrases, prefix=""):
    """Entries whose ``column`` holds one of ``phrases`` as whole words (or a word starting with ``prefix``)."""
    if connection.vendor == "postgresql" and column == "terms":
        query = tsquery(phrases, prefix)
        return Q(Matches(query)) if query else Q(pk__in=[])
    condition = Q()
    for phrase in phrases:
        condition |= Q(**{f"{column}__contains": f" {phrase} "})
    if prefix:
        condition |= Q(**{f"{column}__contains": f" {prefix}"})
    return condition or Q(pk__in=[])


INDEX_SIZE = {
    # PostgreSQL's estimate once the index is large (counting 100,000 rows costs more than the search).
    "postgresql": "SELECT CASE WHEN reltuples >= 10000 THEN reltuples::bigint"
    " ELSE (SELECT COUNT(*) FROM search_searchentry) END FROM pg_class WHERE oid = 'search_searchentry'::regclass",
    "sqlite": "SELECT COUNT(*) FROM search_searchentry",
}


def weigh(groups):
    """Inverse document frequency of each group, in one query of one count per group. On PostgreSQL
    each count reads the GIN index's bitmap alone: no entry's text is opened (an aggregate's FILTER
    would unpack every matching row's tsvector)."""
    counts, params = [], []
    for group in groups:
        matching = SearchEntry.objects.filter(any_phrase("terms", group.all())).values("pk")
        sql, group_params = matching.query.sql_with_params()
        # Django's own SQL, with bound parameters.
        counts.append("(SELECT COUNT(*) FROM (" + sql + ") AS matching)")  # noqa: S608
        params.extend(group_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT (" + INDEX_SIZE[connection.vendor] + "), " + ", ".join(counts), params)
        total, *found = cursor.fetchone()
    for group, count in zip(groups, found, strict=True):
        group.weight = math.log(1 + (total or 1) / (1 + count))


def title_score(group):
    """What the title alone gives the group: cheap to read for every match (short, never compressed)."""
    whens = [When(any_phrase("title_terms", group.phrases), then=Value(3.0))]
    if group.others:
        whens.append(When(any_phrase("title_terms", group.others), then=Value(1.5)))
    return whens


def group_score(group):
    whens = [*title_score(group), When(any_phrase("terms", group.phrases), then=Value(1.0))]
    if group.others:
        whens.append(When(any_phrase("terms", group.others), then=Value(0.5)))
    if group.prefix:
        whens.append(When(any_phrase("terms", [], prefix=group.prefix), then=Value(0.4)))
    return Case(*whens, default=Value(0.0), output_field=FloatField()) * Value(group.weight)


def title_hint(group):
    return Case(*title_score(group), default=Value(0.0), output_field=FloatField()) * Value(group.weight)


def past(score):
    """Past events and closed calls stay findable, below what one can still go to or apply for."""
    return Case(When(ends__lt=Now(), then=score * PAST_FACTOR), default=score, output_field=FloatField())


def matching_condition(groups):
    """An entry matching any alternative or prefix of any group; on PostgreSQL one tsquery, so a
    single scan of the GIN index rather than an OR of conditions each needing its own."""
    phrases = [phrase for group in groups for phrase in group.all()]
    prefixes = [group.prefix for group in groups if group.prefix]
    if connection.vendor == "postgresql":
        return Q(Matches(" | ".join(filter(None, [tsquery(phrases), *(tsquery([], p) for p in prefixes)]))))
    condition = any_phrase("terms", phrases)
    for prefix in prefixes:
        condition |= any_phrase("terms", [], prefix=prefix)
    return condition


def visible(user, locale, area):
    """Each kind's visibility, as a CASE on the entry's kind of a correlated EXISTS: PostgreSQL
    probes the object's table for each candidate (or hashes the visible ones when there are many),
    and an OR of "kind = …" conditions no longer drags the kind index into every scan."""
    whens = []
    for kind in registry.in_area(area):
        pks = kind.partners_visible(user, locale) if area != PUBLIC else kind.visible(user, locale)
        whens.append(When(kind=kind.name, then=Exists(pks.filter(pk=OuterRef("object_id")))))
    if not whens:
        return Q(pk__in=[])
    return Q(Case(*whens, default=Value(False), output_field=BooleanField()))


# The matches once (MATERIALIZED), then their counts by kind and the best candidates' ids; a plain
# SELECT around it, as every read of the site is.
SCAN_SQL = """
SELECT kind, n, id FROM (
    WITH matching (id, kind, hint) AS MATERIALIZED ({matching})
    SELECT kind, COUNT(*) AS n, NULL AS id FROM matching GROUP BY kind
    UNION ALL
    SELECT NULL, NULL, id FROM (
        SELECT id FROM matching {kind_filter} ORDER BY hint DESC, id LIMIT {limit}
    ) AS candidates
) AS scan
"""


class Search:
    """A reader's search: ``results`` (a ranked queryset to page), ``facets``, ``count``."""

    def __init__(self, query, *, user, locale, area=PUBLIC, kind=None):
        self.query, self.user, self.locale, self.area = query, user, locale, area
        self.kind = kind if kind in {k.name for k in registry.in_area(area)} else None
        self.groups = parse(query, locale)

    @cached_property
    def matching(self):
        """Every visible entry matching at least one group (before the kind filter)."""
        if not self.groups:
            return SearchEntry.objects.none()
        return SearchEntry.objects.filter(matching_condition(self.groups)).filter(
            visible(self.user, self.locale, self.area)
        )

    @cached_property
    def scan(self):
        """One pass over the visible matches, in one query: each kind's count (the facets) and the
        ids of the CANDIDATES matches most likely to rank first, chosen by their title's words and
        dates alone (cheap for every match of a common word). The full score, which opens each
        entry's terms, is then computed on these candidates only (``results``)."""
        if not self.groups:
            return {}, []
        hint = sum((title_hint(group) for group in self.groups), Value(0.0, output_field=FloatField()))
        matching = self.matching.annotate(hint=past(hint)).values("pk", "kind", "hint").order_by()
        sql, params = matching.query.sql_with_params()
        params = list(params)
        kind_filter = ""
        if self.kind:
            kind_filter, params = "WHERE kind = %s", [*params, self.kind]
        with connection.cursor() as cursor:
            cursor.execute(SCAN_SQL.format(matching=sql, kind_filter=kind_filter, limit=CANDIDATES), params)
            rows = cursor.fetchall()
        counts = {kind: count for kind, count, pk in rows if kind is not None}
        return counts, [pk for kind, count, pk in rows if kind is None]

    @cached_property
    def results(self):
        if not self.groups:
            return SearchEntry.objects.none()
        score = Value(0.0, output_field=FloatField())
        for group in self.groups:
            score = score + group_score(group)
        if len(self.groups) > 1:
            # The reader's words side by side ("transition durable") say more than scattered.
            phrase = " ".join(group.phrases[-1] for group in self.groups)
            bonus = sum(group.weight for group in self.groups)
            score = score + Case(
                When(any_phrase("terms", [phrase]), then=Value(bonus)), default=Value(0.0), output_field=FloatField()
            )
        return (
            SearchEntry.objects.filter(pk__in=self.scan[1])
            .annotate(rank=past(score))
            .order_by("-rank", "title", "pk")
            .defer("terms", "title_terms")
        )

    @cached_property
    def facets(self):
        return registry.facets(self.area, self.scan[0], self.kind)

    @cached_property
    def count(self):
        return sum(facet["count"] for facet in self.facets if not self.kind or facet["selected"])

    def suggestions(self, size):
        return list(self.results[:size])

    def terms(self):
        """Every alternative word, to highlight the excerpts."""
        return {word for group in self.groups for phrase in group.all() for word in phrase.split()}

    def prefixes(self):
        return {group.prefix for group in self.groups if group.prefix}
