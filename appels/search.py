"""The filters of the list of funding calls, as one function every caller shares.

The extranet list, the saved searches (their e-mail digests) and the open-data API all filter
with :func:`filter_calls`, from the same query-string parameters, so a saved search finds exactly
what the list showed when it was saved::

    calls = filter_calls(FundingCall.objects.visible_to(user), request.GET, today)

A filter never widens a list: an unknown value (a mistyped kind, a theme that does not exist) keeps
nothing, rather than being ignored, so that nobody is sent every call by a typo.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale

from annuaire.models import Audience, Organisation, Theme
from appels.calls import FundingCall, Status

# Query-string names of the filters (French, like the extranet's other addresses).
WORDS = "q"
KIND = "type"
THEME = "theme"
BENEFICIARY = "beneficiaire"
PERIMETER = "perimetre"
FUNDER = "financeur"
STATUS = "statut"
CLOSES_WITHIN = "cloture_sous"
FILTER_NAMES = (WORDS, KIND, THEME, BENEFICIARY, PERIMETER, FUNDER, STATUS, CLOSES_WITHIN)

# Words are looked for in these fields.
SEARCHED_FIELDS = ("title", "summary", "programme", "funder_names", "eligibility")
MAX_WORDS = 10
MAX_DAYS = 3660


def as_query_dict(params):
    """A QueryDict from a query string, a dict or a QueryDict."""
    if isinstance(params, QueryDict):
        return params
    if isinstance(params, str):
        return QueryDict(params.lstrip("?"))
    query = QueryDict(mutable=True)
    for name, value in (params or {}).items():
        if isinstance(value, list | tuple):
            query.setlist(name, [str(item) for item in value])
        elif value is not None:
            query[name] = str(value)
    return query


def _values(params, name):
    """Non-empty values of one filter; several values of a filter are alternatives (OR)."""
    return [value.strip() for value in params.getlist(name) if value and value.strip()]


def active_filters(params):
    """``{name: [values]}`` of the filters that restrict the list, in the canonical order."""
    params = as_query_dict(params)
    return {name: _values(params, name) for name in FILTER_NAMES if _values(params, name)}


def canonical_query(params):
    """The query string of the active filters only (no page number, no sort): what a saved search keeps."""
    query = QueryDict(mutable=True)
    for name, values in active_filters(params).items():
        query.setlist(name, values)
    return query.urlencode()


def originals(queryset):
    """One row per call: the original, not its translations (their deadlines and dates are the original's)."""
    earlier = FundingCall.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return queryset.filter(~Exists(earlier))


def filter_calls(queryset, params, today=None):
    """``queryset`` (of FundingCall) with its status annotated on ``today``, kept to what ``params`` asks.

    ``params``: a QueryDict (``request.GET``), a query string or a dict, with the list's filters:
    ``q`` (words, all present), ``type`` (kind), ``theme`` (theme slug), ``beneficiaire`` (audience
    slug), ``perimetre``, ``financeur`` (funder organisation slug), ``statut`` (upcoming, open,
    closing_soon, closed) and ``cloture_sous`` (the next deadline within that many days).
    """
    today = today or timezone.localdate()
    params = as_query_dict(params)
    calls = queryset.with_status(today)

    for word in " ".join(_values(params, WORDS)).split()[:MAX_WORDS]:
        matches = Q()
        for field in SEARCHED_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        calls = calls.filter(matches)

    choices = ((KIND, "kind", FundingCall.Kind.values), (PERIMETER, "perimeter", FundingCall.Perimeter.values))
    for name, field, allowed in (*choices, (STATUS, "status", Status.values)):
        values = _values(params, name)
        if values:
            if not set(values) <= set(allowed):
                return calls.none()
            calls = calls.filter(**{f"{field}__in": values})

    through = (
        (THEME, FundingCall.themes.through, "theme__slug__in"),
        (BENEFICIARY, FundingCall.beneficiaries.through, "audience__slug__in"),
        (FUNDER, FundingCall.funders.through, "organisation__slug__in"),
    )
    for name, model, lookup in through:
        values = _values(params, name)
        if values:
            # Exists rather than a join: a call with two matching themes is listed once.
            calls = calls.filter(Exists(model.objects.filter(fundingcall_id=OuterRef("pk"), **{lookup: values})))

    days = _values(params, CLOSES_WITHIN)
    if days:
        try:
            within = int(days[0])
        except ValueError:
            return calls.none()
        if not 0 <= within <= MAX_DAYS:
            return calls.none()
        calls = calls.filter(next_deadline__gte=today, next_deadline__lte=today + timedelta(days=within))
    return calls


def describe(params, language=None):
    """The active filters in words, in ``language``: ``["Kind: grant", "Theme: Numérique", …]``."""
    language = language or translation.get_language()
    active = active_filters(params)
    with translation.override(language):
        locale = Locale.objects.filter(language_code=language).first()
        kinds, perimeters, statuses = (
            dict(choices) for choices in (FundingCall.Kind.choices, FundingCall.Perimeter.choices, Status.choices)
        )
        themes = Theme.names(locale) if THEME in active and locale else {}
        audiences = Audience.names(locale) if BENEFICIARY in active and locale else {}
        funders = (
            dict(Organisation.objects.filter(slug__in=active[FUNDER]).values_list("slug", "name"))
            if FUNDER in active
            else {}
        )
        labels = {
            WORDS: (gettext("Words"), {}),
            KIND: (gettext("Kind"), kinds),
            THEME: (gettext("Theme"), themes),
            BENEFICIARY: (gettext("Who can apply"), audiences),
            PERIMETER: (gettext("Area"), perimeters),
            FUNDER: (gettext("Funder"), funders),
            STATUS: (gettext("Status"), statuses),
        }
        lines = []
        for name, values in active.items():
            if name == CLOSES_WITHIN:
                try:
                    days = int(values[0])
                except ValueError:
                    continue
                lines.append(
                    ngettext("Closes within %(days)s day", "Closes within %(days)s days", days) % {"days": days}
                )
                continue
            label, names = labels[name]
            shown = ", ".join(str(names.get(value, value)) for value in values)
            lines.append(f"{label} : {shown}")  # French typography, in both of the site's languages
        return lines
