"""The search at scale: the real index of everything the benchmark built, topped up to N entries
(100,000; a few thousand with BENCH_QUICK=1), then p50/p95 of typical backend queries and of the
whole search page with its query count.

The top-up entries are written as the indexer would (folded, stemmed terms) but describe no object
a reader may see: they weigh on every match and trigram lookup, as a large index does, while the
results stay those of the real objects. Their words are one in ten from the demo's vocabulary
(about 2,000 words, so each common query word is in a few per cent of them) and the rest from a
larger made-up vocabulary, as a real index of 100,000 objects has tens of thousands of words.
"""

import random
import statistics
import time

QUERIES = [
    "epicerie sociale",  # accents left out
    "subvention association",  # synonyms of funding
    "alambik",  # a typo, corrected through trigrams
    "travay",  # Creole
    "atelier numérique",
    "jardin partagé des Hauts",
]


def percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[min(len(timings) - 1, int(0.95 * len(timings)))]


def top_up(target, progress, batch=5_000):
    from search.models import SearchEntry, SearchTerm
    from search.text import joined, terms

    have = SearchEntry.objects.count()
    vocabulary = list(SearchTerm.objects.values_list("word", flat=True)) or ["case", "rurale"]
    rng = random.Random(12)
    syllables = ["ka", "ri", "mo", "ta", "lé", "zo", "bi", "na", "pou", "ké", "sa", "vi", "do", "ro", "fu"]
    made_up = sorted({"".join(rng.choices(syllables, k=rng.randint(3, 5))) for _ in range(60_000)})

    def word():
        return rng.choice(vocabulary) if rng.random() < 0.1 else rng.choice(made_up)

    next_id = 10**9  # no object has such an id: these entries match but no reader sees them
    created = 0
    missing = max(0, target - have)
    while created < missing:
        rows = []
        for _ in range(min(batch, missing - created)):
            title = " ".join(word() for _ in range(5))
            body = " ".join(word() for _ in range(60))
            title_terms = terms(title)
            rows.append(
                SearchEntry(
                    kind=rng.choice(["page", "event", "call", "organisation"]),
                    object_id=next_id,
                    language="fr",
                    title=title,
                    body=body,
                    title_terms=joined(title_terms),
                    terms=joined(title_terms + terms(body)),
                )
            )
            next_id += 1
        SearchEntry.objects.bulk_create(rows)
        created += len(rows)
        progress("search entries", created, missing)
    return have, SearchEntry.objects.count()


def measure(target, repeat, progress):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from bench.database import analyze, print_table
    from search.engine import Search
    from search.indexing import rebuild

    real = rebuild()
    _, total = top_up(target, progress)
    analyze()
    print(f"  {real:,} entries for the objects built, {total:,} in the index")
    french = Locale.objects.get(language_code="fr")

    print()
    print(f"{'backend query':<28} {'results':>8} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for query in QUERIES:
        timings = []
        for _ in range(repeat + 1):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                found = Search(query, user=None, locale=french)
                list(found.results[:10])
                found.facets  # noqa: B018 (evaluated for its cost)
                count = found.count
            timings.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(timings[1:])  # the first warms the caches
        print(f"{query:<28} {count:>8} {len(queries):>8} {p50:>8.1f} {p95:>8.1f}")

    client = Client()
    rows = []
    for query in QUERIES:
        for prefix in ("", "/rcf"):
            page = f"{prefix}/recherche/?q={query.replace(' ', '+')}"
            client.get(page)
            with CaptureQueriesContext(connection) as queries:
                status = client.get(page).status_code
            queried = len(queries)  # now: the next request's start empties the log the capture reads
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(page)
                timings.append((time.perf_counter() - started) * 1000)
            rows.append(("search", page, status, queried, *percentiles(timings)))
    suggestions = "/recherche/suggestions/?q=epic"
    with CaptureQueriesContext(connection) as queries:
        status = client.get(suggestions).status_code
    queried = len(queries)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(suggestions)
        timings.append((time.perf_counter() - started) * 1000)
    rows.append(("suggest", suggestions, status, queried, *percentiles(timings)))
    print_table("", rows, page_width=52)
