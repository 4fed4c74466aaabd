"""Public pages with and without the page cache (caserurale.page_cache), for an anonymous visitor."""

PAGES = ["/", "/rcf/", "/le-projet/", "/agenda/", "/financer-mon-projet/"]


def measure(repeat=20, pages=PAGES):
    from django.test import Client, override_settings

    from bench.database import measure_page, print_table
    from caserurale.page_cache import new_generation

    rows = []
    for seconds, label in ((0, "no cache"), (300, "cached")):
        with override_settings(PAGE_CACHE_SECONDS=seconds):
            new_generation()  # nothing cached before
            client = Client()
            for page in pages:
                rows.append((label, page, *measure_page(client, page, repeat)))
    print_table("page cache", rows)
    return rows
