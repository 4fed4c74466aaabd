"""A pathway's steps resolved for a reader: each chosen service, event and call in the reader's
language, only if the public may see it, in a fixed number of queries whatever the number of steps."""

from django.db.models import Q
from django.utils import timezone

from agenda.events import Event
from annuaire.directory import public_services
from annuaire.organisations import Service
from appels.calls import FundingCall, public_calls

SUGGESTED = 6


def chosen_ids(raw_steps, name):
    ids = []
    for step in raw_steps:
        for item in (step.get("value") or {}).get(name) or []:
            ids.append(item["value"] if isinstance(item, dict) else item)
    return ids


def in_reader_language(model_queryset, ids, visible):
    """``{chosen pk: the visible object of its family in the reader's language}``, in two queries."""
    keys = dict(model_queryset.model.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    found = {obj.translation_key: obj for obj in visible.filter(translation_key__in=keys.values())}
    return {pk: found[key] for pk, key in keys.items() if key in found}


def pick(step, name, found):
    return [found[pk] for pk in chosen_ids([step], name) if pk in found]


def resolve(raw_steps, locale):
    """``[{"title", "text", "services", "events", "calls"}]`` for the template."""
    services = in_reader_language(
        Service.objects.all(),
        chosen_ids(raw_steps, "services"),
        public_services(locale).select_related("organisation").prefetch_related("places"),
    )
    events = in_reader_language(
        Event.objects.all(),
        chosen_ids(raw_steps, "events"),
        # Ordered so that the reader's language comes after the French original, and wins.
        Event.objects.for_public_site()
        .filter(Q(locale=locale) | Q(locale__language_code="fr"))
        .order_by("locale__language_code"),
    )
    calls = in_reader_language(FundingCall.objects.all(), chosen_ids(raw_steps, "calls"), public_calls(locale))
    steps = []
    for step in raw_steps:
        value = step.get("value") or {}

        steps.append(
            {
                "title": value.get("title", ""),
                "text": value.get("text", ""),
                "services": pick(step, "services", services),
                "events": [event for event in pick(step, "events", events) if event.end >= timezone.now()],
                "calls": pick(step, "calls", calls),
            }
        )
    return steps


def also_matching(locale, kinds, theme_slugs, audience_slug=None, exclude=()):
    """Public services of the pathway's kinds or themes (for its public, if it has one), not already chosen."""
    services = public_services(locale).filter(Q(kind__in=kinds) | Q(themes__slug__in=theme_slugs))
    if audience_slug:
        services = services.filter(audiences__slug=audience_slug)
    return list(
        services.exclude(translation_key__in=exclude)
        .select_related("organisation")
        .prefetch_related("places")
        .distinct()
        .order_by("organisation__name", "name")[:SUGGESTED]
    )
