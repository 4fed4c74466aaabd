import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import OuterRef, Q, Subquery
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Locale, Page

from agenda.feeds import public_events
from agenda.models import AgendaPage, Occurrence
from appels.filters import by_next_deadline
from appels.models import FundingPage, Status, public_calls

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search the live public pages of the visitor's language."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        paginator = Paginator(pages.search(search_terms(query)), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    events, agenda = upcoming_events_matching(query) if query else ([], None)
    calls, funding_page = open_calls_matching(query) if query else ([], None)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "events": events,
            "agenda_page": agenda,
            "calls": calls,
            "funding_page": funding_page,
        },
    )


def search_terms(query):
    """The words of a query, without the punctuation full-text engines read as syntax (SQLite's FTS5
    fails on a stray quote or bracket): people search for words, not expressions."""
    return " ".join(re.sub(r"[^\w'’-]+", " ", query).split()) or "-"


def every_word_in(query, fields, most=8):
    """Each of the query's first words found in one of ``fields`` (a short list beside the page results)."""
    condition = Q()
    for word in query.split()[:most]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def upcoming_events_matching(query, limit=5):
    """The next public events whose title or summary has the words: residents look for "what happens"."""
    locale = Locale.get_active()
    agenda = AgendaPage.objects.live().filter(locale=locale).first()
    if agenda is None:
        return [], None
    # The next start of each matching event, looked up event by event (index on event, start): a join
    # of every matching event to all its occurrences took seconds once thousands of events matched.
    next_start = (
        Occurrence.objects.filter(event=OuterRef("pk"), end__gte=timezone.now()).order_by("start").values("start")[:1]
    )
    events = (
        public_events(locale)
        .filter(every_word_in(query, ["title", "summary"]))
        .annotate(next_start=Subquery(next_start))
        .filter(next_start__isnull=False)
        .select_related("place", "locale")
        .order_by("next_start", "pk")[:limit]
    )
    return list(events), agenda


def open_calls_matching(query, limit=5):
    """Public funding calls one can still apply to whose words match: residents look for "who funds this"."""
    locale = Locale.get_active()
    funding_page = FundingPage.objects.live().filter(locale=locale).first()
    if funding_page is None:
        return [], None
    today = timezone.localdate()
    words = every_word_in(query, ["title", "summary", "programme", "funder_names"])
    calls = by_next_deadline(
        public_calls(locale, today).filter(words, status__in=[Status.OPEN, Status.CLOSING_SOON, Status.UPCOMING])
    )[:limit]
    calls = list(calls)
    for call in calls:
        call.in_words = call.when_in_words(today)
    return calls, funding_page
