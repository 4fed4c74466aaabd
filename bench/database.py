"""Helpers for the benchmark's database."""


def analyze():
    """Refresh PostgreSQL's statistics after bulk inserts, as autovacuum would on a live site."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure_page(client, page, repeat, max_seconds=None):
    """``(status, queries, p50 ms, p95 ms)`` of one page: queries of a warm request, then ``repeat`` timings,
    or fewer (three at least) once ``max_seconds`` have gone by: the slow pages keep the run short."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(page)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        status = client.get(page).status_code
    # Counted now: the next request's start empties the connection's log, and the capture with it.
    count = len(queries)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(page)
        timings.append((time.perf_counter() - started) * 1000)
        if max_seconds and len(timings) >= 3 and sum(timings) > max_seconds * 1000:
            break
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    return status, count, statistics.median(timings), p95


def print_table(first_column, rows, page_width=44):
    print()
    print(f"{first_column:>12} {'page':<{page_width}} {'status':>6} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for label, page, status, queries, p50, p95 in rows:
        print(f"{label!s:>12} {page:<{page_width}} {status:>6} {queries:>8} {p50:>8.1f} {p95:>8.1f}")
