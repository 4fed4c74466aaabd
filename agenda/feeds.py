"""What the agenda publishes for other programs: iCalendar, RSS and Atom.

Every export starts from :func:`public_events` or ``public_occurrences``: published public events
only, in the language of the agenda page that serves them. The route methods of AgendaPage stay one
line each; a filtered list (the agenda's filter form) is exported with the same call::

    return feeds.agenda_calendar(filtered_events, name=..., request=request, page=self)
"""

from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from agenda import ical
from agenda.events import Event, Occurrence, public_occurrences
from agenda.filters import AgendaFilterForm
from annuaire.models import Organisation, Place, Theme

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
# A subscribed calendar keeps what happened lately, so that "last Saturday" is still there.
CALENDAR_PAST_DAYS = 30


def public_events(locale):
    """Published public events, each once: in ``locale`` when translated (and published), else the original."""
    translated = Event.objects.filter(translation_key=OuterRef("translation_key"), locale=locale, live=True)
    return Event.objects.for_public_site().filter(Q(locale=locale) | ~Exists(translated))


def current_and_future(events, now=None):
    """Events not over more than CALENDAR_PAST_DAYS ago, a repeating one by its stored occurrences."""
    cutoff = (now or timezone.now()) - timedelta(days=CALENDAR_PAST_DAYS)
    recent = Occurrence.objects.filter(event=OuterRef("pk"), end__gte=cutoff)
    return events.filter(Q(end__gte=cutoff) | Exists(recent))


def event_url(page, request, event):
    """Absolute address of an event's page on the agenda ``page`` (so in that page's language)."""
    return request.build_absolute_uri(page.get_url(request) + page.reverse_subpage("event", args=(event.pk,)))


def event_links(events, *, page, request):
    """{pk: EventLinks} for ``events`` (their themes prefetched), in ``page``'s language."""
    names = Theme.names(page.locale)
    return {
        event.pk: ical.EventLinks(
            url=event_url(page, request, event),
            categories=[names.get(theme.slug, theme.name) for theme in event.themes.all()],
        )
        for event in events
    }


def calendar_response(events, *, name, request, page, filename, attachment=False):
    events = list(events.select_related("place", "owner").prefetch_related("themes").order_by("start", "pk"))
    calendar = ical.build_calendar(events, name=name, links=event_links(events, page=page, request=request))
    response = HttpResponse(calendar.to_ical(), content_type=CALENDAR_CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def agenda_calendar(events, *, name, request, page, filename="agenda.ics"):
    """A subscribable calendar of ``events`` (a queryset of public events, e.g. a filtered one)."""
    return calendar_response(current_and_future(events), name=name, request=request, page=page, filename=filename)


def calendar_name(page, subject=None):
    return f"{page.title} — {subject}" if subject else f"{page.title} — La Case Rurale"


def whole_agenda_calendar(request, page):
    """``ical/``: the whole agenda, or what the agenda's filters keep (``?theme=numerique&gratuit=1``…)."""
    form = AgendaFilterForm(request.GET or None, locale=page.locale)
    if form.is_bound and not form.is_valid():
        raise Http404("unknown filter value")  # a mistyped place must not subscribe people to everything
    subject = None
    if form.active.get("lieu"):
        subject = get_object_or_404(Place, slug=form.active["lieu"]).name
    elif form.active.get("organisateur"):
        subject = get_object_or_404(public_organisers(), slug=form.active["organisateur"]).name
    events = form.filter_events(public_events(page.locale))
    return agenda_calendar(events, name=calendar_name(page, subject), request=request, page=page)


def place_calendar(request, page, slug):
    place = get_object_or_404(Place, slug=slug)
    events = public_events(page.locale).filter(place=place)
    return agenda_calendar(
        events, name=calendar_name(page, place.name), request=request, page=page, filename=f"{place.slug}.ics"
    )


def public_organisers():
    """Organisations whose name the public site already shows: a public profile, or a public event."""
    return Organisation.objects.filter(
        Q(public_profile=True) | Exists(Event.objects.for_public_site().filter(owner=OuterRef("pk")))
    )


def organiser_calendar(request, page, slug):
    organiser = get_object_or_404(public_organisers(), slug=slug)
    events = public_events(page.locale).filter(owner=organiser)
    return agenda_calendar(
        events, name=calendar_name(page, organiser.name), request=request, page=page, filename=f"{organiser.slug}.ics"
    )


def event_calendar(request, page, pk):
    """One event as a file to open in a calendar application: any public event, even a past one."""
    events = Event.objects.for_public_site().filter(pk=pk)
    if not events.exists():
        raise Http404
    return calendar_response(
        events, name=calendar_name(page), request=request, page=page, filename=f"evenement-{pk}.ics", attachment=True
    )


# RSS and Atom ----------------------------------------------------------------------------------


class UpcomingEventsFeed(Feed):
    """The occurrences of the next ``page.days_shown`` days, in the agenda page's language."""

    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.language = page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.page

    def title(self, page):
        return calendar_name(page)

    def link(self, page):
        return self.request.build_absolute_uri(page.get_url(self.request))

    def feed_url(self, page):
        return self.request.build_absolute_uri()

    def description(self, page):
        return _("Events of the next %(days)s days in Trois-Bassins and around.") % {"days": page.days_shown}

    def subtitle(self, page):
        return self.description(page)

    def items(self, page):
        now = timezone.now()
        occurrences = public_occurrences(page.locale, now, now + timedelta(days=page.days_shown))
        occurrences = list(occurrences.select_related("event__owner").prefetch_related("event__themes"))
        self.theme_names = Theme.names(page.locale)
        return occurrences

    def item_title(self, occurrence):
        return f"{when(occurrence)} — {occurrence.event.title}"

    def item_description(self, occurrence):
        event = occurrence.event
        lines = [when(occurrence, with_end=True)]
        where = event.place.name if event.place else (_("Online") if event.online_url else "")
        if where:
            lines.append(where)
        if event.status != Event.Status.SCHEDULED:
            lines.append(_("This event is %(status)s.") % {"status": event.get_status_display()})
        if event.summary:
            lines.append(event.summary)
        return "\n".join(lines)

    def item_link(self, occurrence):
        return event_url(self.page, self.request, occurrence.event)

    def item_guid(self, occurrence):
        # One entry per date of a repeating event; the event's UID keeps it the same in every language.
        return f"{occurrence.event.uid}/{timezone.localtime(occurrence.start):%Y%m%dT%H%M}"

    def item_pubdate(self, occurrence):
        return occurrence.event.created_at

    def item_updateddate(self, occurrence):
        return occurrence.event.updated_at

    def item_author_name(self, occurrence):
        return occurrence.event.owner.name

    def item_categories(self, occurrence):
        return [self.theme_names.get(theme.slug, theme.name) for theme in occurrence.event.themes.all()]


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed


def when(occurrence, *, with_end=False):
    """ "Saturday 14 June, 14:00" in the active language; all-day events without a time."""
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    day = formats.date_format(start, "l j F").capitalize()
    if occurrence.event.all_day:
        return day
    if with_end:
        return f"{day}, {start:%H:%M}–{end:%H:%M}"
    return f"{day}, {start:%H:%M}"


def rss_feed(request, page):
    return UpcomingEventsFeed(page)(request)


def atom_feed(request, page):
    return UpcomingEventsAtomFeed(page)(request)
