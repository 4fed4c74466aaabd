"""The site's searchable kinds: pages, events, funding calls, organisations, their services, places, and in the
extranet shared resources and documents. Each is registered in ``search.registry``."""

from datetime import datetime, time

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index

from agenda.feeds import public_events
from agenda.models import AgendaPage, Event, Occurrence
from annuaire.models import DirectoryPage, Organisation, OrganisationDescription, Place, Service
from appels.models import FundingCall, FundingPage, public_calls
from extranet.models import Document as SharedDocument
from extranet.models import Resource
from search.registry import Document, Kind, registry


def texts(*values):
    return "\n".join(strip_tags(str(value)) for value in values if value)


def is_french(language):
    return language == settings.LANGUAGE_CODE


def subpage_link(page_type, route, argument):
    """A link to ``route`` of the reader's ``page_type`` page (the agenda, the directory…), with
    ``argument(entry)``; nothing when the site has no such page in that language."""

    def link(entry, parents):
        page = parents.get(page_type)
        return page.url + page.reverse_subpage(route, args=[argument(entry)]) if page else ""

    return link


def originals(queryset):
    """Partners write in French: one result per event or call, not one per translation."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


# Pages -------------------------------------------------------------------------------------------


def page_text(page):
    """The words of a page's own search fields (intro, body blocks…), as Wagtail's backends read them."""
    values = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except Exception:  # noqa: S112  a search field that is a method, not a model field
            continue
        value = getattr(page, search_field.field_name, None)
        if hasattr(model_field, "get_searchable_content"):
            values.extend(model_field.get_searchable_content(value))
        elif value:
            values.append(value)
    return texts(*values)


def page_document(page):
    page = page.specific
    if not page.live or page.depth <= 1:
        return []
    language = page.locale.language_code
    return [
        Document(
            language=language,
            title=page.title,
            body=texts(page.search_description, page_text(page)),
            url=page.url or "",
            french=is_french(language) or page.alias_of_id is not None,
        )
    ]


def visible_pages(user, locale):
    return Page.objects.live().public().filter(locale=locale, depth__gt=1).values("pk")


registry.register(
    Kind(
        name="page",
        label=_("Pages"),
        model=Page,
        objects=lambda: Page.objects.live().filter(depth__gt=1).specific().select_related("locale"),
        document=page_document,
        visible=visible_pages,
    )
)


# Events ------------------------------------------------------------------------------------------


def event_document(event):
    last = Occurrence.objects.filter(event=event).order_by("-end").values_list("end", flat=True).first()
    upcoming = (
        Occurrence.objects.filter(event=event, end__gte=timezone.now())
        .order_by("start")
        .values_list("start", flat=True)
    ).first()
    language = event.locale.language_code
    return [
        Document(
            language=language,
            title=event.title,
            body=texts(event.summary, event.description, event.place.name if event.place else ""),
            starts=upcoming or event.start,
            ends=max(filter(None, [last, event.end])),
            where=event.place.name if event.place else "",
            french=is_french(language),
        )
    ]


def visible_events(user, locale):
    return public_events(locale).values("pk")


def partners_events(user, locale):
    return originals(Event.objects.visible_to(user)).values("pk")


registry.register(
    Kind(
        name="event",
        label=_("Events"),
        model=Event,
        objects=lambda: Event.objects.select_related("place", "locale"),
        document=event_document,
        visible=visible_events,
        link=subpage_link(AgendaPage, "event", lambda entry: entry.object_id),
        parent=AgendaPage,
        partners_visible=partners_events,
        partners_link=lambda entry, parents: reverse("extranet:event_detail", args=[entry.object_id]),
        watched=(Occurrence,),
    )
)


# Funding calls -----------------------------------------------------------------------------------


def end_of(day):
    return timezone.make_aware(datetime.combine(day, time.max)) if day else None


def call_document(call):
    language = call.locale.language_code
    return [
        Document(
            language=language,
            title=call.title,
            body=texts(call.summary, call.programme, call.funder_names, call.eligibility, call.how_to_apply),
            ends=end_of(call.last_deadline),
            french=is_french(language),
        )
    ]


def visible_calls(user, locale):
    return public_calls(locale).values("pk")


registry.register(
    Kind(
        name="call",
        label=_("Funding calls"),
        model=FundingCall,
        objects=lambda: FundingCall.objects.select_related("locale"),
        document=call_document,
        visible=visible_calls,
        link=subpage_link(FundingPage, "call", lambda entry: entry.object_id),
        parent=FundingPage,
        partners_visible=lambda user, locale: originals(FundingCall.objects.visible_to(user)).values("pk"),
        partners_link=lambda entry, parents: reverse("extranet:funding_call_detail", args=[entry.object_id]),
    )
)


# Organisations and places ------------------------------------------------------------------------


# An organisation's entry stores its slug; a service's, its organisation's: it is shown on that page.
organisation_link = subpage_link(DirectoryPage, "organisation", lambda entry: entry.url)


registry.register(
    Kind(
        name="organisation",
        label=_("Organisations"),
        model=Organisation,
        objects=lambda: Organisation.objects.prefetch_related("descriptions"),
        # One entry for every language, with the words of each language's description: a Creole
        # reader finds an organisation by its Creole description, a French one by the French.
        document=lambda organisation: [
            Document(
                language="",
                title=organisation.name,
                body=texts(
                    organisation.description,
                    *(description.text for description in organisation.descriptions.all()),
                    organisation.address,
                ),
                url=organisation.slug,
            )
        ],
        visible=lambda user, locale: Organisation.objects.filter(public_profile=True).values("pk"),
        link=organisation_link,
        parent=DirectoryPage,
        watched=(OrganisationDescription,),
    )
)


# Services: what organisations offer --------------------------------------------------------------


def service_document(service):
    language = service.locale.language_code
    with translation.override(language):  # the kind of offer in the service's own language
        kind = str(service.get_kind_display())
    places = [place.name for place in service.places.all()]
    return [
        Document(
            language=language,
            # Who offers it, in the title: residents choose a service by its organisation too.
            title=f"{service.name} — {service.organisation.name}",
            body=texts(
                service.summary,
                kind,
                service.organisation.name,
                service.when,
                *(audience.name for audience in service.audiences.all()),
                *(theme.name for theme in service.themes.all()),
                *places,
            ),
            url=service.organisation.slug,
            where=places[0] if places else "",
            french=is_french(language),
        )
    ]


registry.register(
    Kind(
        name="service",
        label=_("Services"),
        model=Service,
        objects=lambda: Service.objects.select_related("organisation", "locale").prefetch_related(
            "places", "audiences", "themes"
        ),
        document=service_document,
        # Services of public profiles only, each once in the reader's language (French where untranslated).
        visible=lambda user, locale: Service.objects.public().in_locale(locale).values("pk"),
        link=organisation_link,  # a service is shown on its organisation's page
        parent=DirectoryPage,
    )
)


registry.register(
    Kind(
        name="place",
        label=_("Places"),
        model=Place,
        objects=lambda: Place.objects.all(),
        document=lambda place: [
            Document(
                language="",
                title=place.name,
                body=texts(place.description, place.address, place.opening_hours, place.accessibility),
                url=place.slug,
                where=place.address.splitlines()[0] if place.address else "",
            )
        ],
        visible=lambda user, locale: Place.objects.values("pk"),
        link=subpage_link(DirectoryPage, "place", lambda entry: entry.url),  # its services and events
        parent=DirectoryPage,
    )
)


# Shared resources and documents: the partners' space only ---------------------------------------

registry.register(
    Kind(
        name="resource",
        label=_("Shared resources"),
        model=Resource,
        objects=lambda: Resource.objects.all(),
        document=lambda resource: [
            Document(
                language="",
                title=resource.name,
                body=texts(resource.description, resource.conditions, resource.location),
                where=resource.location,
            )
        ],
        visible=None,
        partners_visible=lambda user, locale: Resource.objects.visible_to(user).values("pk"),
        partners_link=lambda entry, parents: reverse("extranet:resource_detail", args=[entry.object_id]),
    )
)

registry.register(
    Kind(
        name="document",
        label=_("Documents"),
        model=SharedDocument,
        objects=lambda: SharedDocument.objects.all(),
        document=lambda document: [Document(language="", title=document.title, body=texts(document.description))],
        visible=None,
        partners_visible=lambda user, locale: SharedDocument.objects.visible_to(user).values("pk"),
        partners_link=lambda entry, parents: reverse("extranet:document_detail", args=[entry.object_id]),
    )
)
