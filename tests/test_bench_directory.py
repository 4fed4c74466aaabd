"""bench/directory.py: the directory, organisation, place (both pages) and pathway pages cost the same
number of queries as the network grows; the figures ``make bench`` prints are pinned here."""

import pytest

from bench import directory

pytestmark = pytest.mark.django_db

# The site's frame (menus, settings, language links) and a fixed few per page; PAGES' order.
PINNED = {
    "/qui-fait-quoi/": 28,
    "/qui-fait-quoi/?besoin=digital&sans_rdv=1": 28,
    "/rcf/qui-fait-quoi/?public=familles&page=2": 29,
    "/qui-fait-quoi/?lieu=pole-lena&besoin=training": 28,
    "/qui-fait-quoi/cyberun/": 28,
    "/qui-fait-quoi/pole-lena/": 28,
    "/qui-fait-quoi/lieux/pole-lena/": 23,
    "/qui-fait-quoi/lieux/pole-lena/?page=2": 23,
    "/rcf/qui-fait-quoi/lieux/pole-lena/?page=2": 24,
    "/par-ou-commencer/s-installer-en-agriculture/": 27,
    "/rcf/par-ou-commencer/resultat/?public=porteurs-de-projet&besoin=agriculture&stade=idee": 25,
}


def test_directory_pages_cost_the_same_from_10_to_60_organisations():
    # 60 organisations and 300 services: the place page has pages 2 and more at both sizes.
    rows = directory.measure_growth(lambda *args: None, repeat=1, growth=((10, 50), (60, 300)), show=False)
    counts = {}
    for size, page, status, queries, _p50, _p95 in rows:
        assert status == 200, (size, page)
        counts.setdefault(page, []).append(queries)
    print(counts)
    assert all(len(set(sizes)) == 1 for sizes in counts.values()), counts
    assert {page: sizes[0] for page, sizes in counts.items()} == PINNED
