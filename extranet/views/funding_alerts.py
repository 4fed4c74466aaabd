"""Alerts on funding calls: saved searches (e-mail digests), their unsubscribe link, the personal calendar.

The list of calls links here with its filters in the query string: "save this search" opens
``funding_alert_create`` with them, e.g. ``/extranet/appels/alertes/nouvelle/?type=grant&theme=agriculture``.
The unsubscribe page and the calendar feed open without signing in: their secret token is the key.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from appels import alerts, ical, search
from appels.models import CalendarToken, SavedSearch
from caserurale.forms import form_status
from extranet.views.decorators import partner_required

MAX_SAVED_SEARCHES = 20


class SavedSearchForm(forms.ModelForm):
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency", "query"]
        widgets = {"frequency": forms.RadioSelect}
        help_texts = {"name": gettext_lazy("For example: agriculture grants in the West.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_query(self):
        return search.canonical_query(self.cleaned_data.get("query", ""))

    def clean(self):
        cleaned = super().clean()
        if SavedSearch.objects.filter(user=self.user).count() >= MAX_SAVED_SEARCHES:
            raise forms.ValidationError(
                _("You already have %(count)s saved searches: delete one before saving another.")
                % {"count": MAX_SAVED_SEARCHES}
            )
        return cleaned


def calls_list_url(query=""):
    """The extranet list of calls with these filters, when that page is installed."""
    try:
        url = reverse("extranet:funding_call_list")
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


@partner_required
@require_GET
def funding_alert_list(request):
    rows = [
        {
            "search": saved_search,
            "filters": search.describe(saved_search.query, request.LANGUAGE_CODE),
            "list_url": calls_list_url(saved_search.query),
        }
        for saved_search in SavedSearch.objects.filter(user=request.user)
    ]
    return TemplateResponse(
        request,
        "extranet/funding_alerts/list.html",
        {"rows": rows, "calls_url": calls_list_url(), "calendar_url": reverse("extranet:funding_calendar")},
    )


@partner_required
@require_http_methods(["GET", "POST"])
def funding_alert_create(request):
    """GET: the form, the filters taken from the query string. POST: ``name``, ``frequency``, ``query``."""
    if request.method == "POST":
        form = SavedSearchForm(request.POST, user=request.user)
        if form.is_valid():
            saved_search = form.save(commit=False)
            saved_search.user = request.user
            saved_search.save()
            alerts.remember_language(request.user, request.LANGUAGE_CODE)
            messages.success(
                request,
                _("Your search “%(name)s” is saved: new calls that match it will be sent to %(email)s.")
                % {"name": saved_search.name, "email": request.user.email},
            )
            return redirect("extranet:funding_alert_list")
        query = form.data.get("query", "")
    else:
        query = search.canonical_query(request.GET)
        form = SavedSearchForm(initial={"query": query, "frequency": SavedSearch.Frequency.WEEKLY}, user=request.user)
    return TemplateResponse(
        request,
        "extranet/funding_alerts/form.html",
        {"form": form, "filters": search.describe(query, request.LANGUAGE_CODE), "list_url": calls_list_url(query)},
        status=form_status(request),
    )


@partner_required
@require_POST
def funding_alert_delete(request, pk):
    saved_search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved_search.delete()
    messages.success(request, _("“%(name)s” is deleted: no more e-mails for it.") % {"name": saved_search.name})
    return redirect("extranet:funding_alert_list")


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail programs POST without our form; the token is the secret
@never_cache
@require_http_methods(["GET", "POST"])
def funding_alert_unsubscribe(request, token):
    """No sign-in: GET asks to confirm (a link scanner must not unsubscribe anybody), POST unsubscribes."""
    saved_search = SavedSearch.objects.filter(unsubscribe_token=token).first()
    if saved_search is None:
        raise Http404
    if request.method == "POST":
        name = saved_search.name
        saved_search.delete()
        return TemplateResponse(request, "extranet/funding_alerts/unsubscribed.html", {"name": name})
    return TemplateResponse(request, "extranet/funding_alerts/unsubscribe.html", {"saved_search": saved_search})


def feed_urls(request, token):
    https = request.build_absolute_uri(reverse("extranet:funding_calendar_feed", args=[token.token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@partner_required
@require_GET
def funding_calendar(request):
    # The personal address is made on an explicit POST (the button below): a GET creates nothing.
    token = CalendarToken.objects.filter(user=request.user).first()
    urls = feed_urls(request, token) if token else None
    return TemplateResponse(request, "extranet/funding_alerts/calendar.html", {"token": token, "urls": urls})


@partner_required
@require_POST
def funding_calendar_renew(request):
    token, created = CalendarToken.objects.get_or_create(user=request.user)
    if created:
        messages.success(request, _("Your calendar has its address: subscribe to it with your calendar application."))
    else:
        token.renew()
        messages.success(
            request,
            _("Your calendar has a new address: the old one no longer works. Subscribe again with the new one."),
        )
    return redirect("extranet:funding_calendar")


@require_GET
def funding_calendar_feed(request, token):
    """The deadlines of the calls the token's owner follows, for their calendar application. No session."""
    owner = CalendarToken.objects.select_related("user").filter(token=token).first()
    if owner is None or not owner.user.is_active:
        raise Http404
    return ical.deadlines_response(owner.user, language=request.LANGUAGE_CODE)
