"""Funding calls in the partners' space: share one in a minute, find, follow, apply together.

The list, export, detail, edit, share and delete views are the generic ones (extranet.views.shared);
this module adds the filters and deadlines of calls, the next edition of a recurring call, the
interests partners declare, the documents of a call and a month grid of deadlines.
"""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from agenda.month import MonthGrid
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Audience, Membership, Theme
from appels.filters import PartnerCallFilterForm
from appels.models import Attachment, Deadline, FundingCall, Interest, refresh_family_deadline_dates, serve_attachment
from extranet.forms.funding_calls import FundingCallForm, InterestForm
from extranet.views.decorators import partner_required
from extranet.views.shared import SharedViews


def one_year_later(day):
    """The same date next year; 29 February becomes 28 February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 2, 28)


class FundingCallViews(SharedViews):
    def queryset(self):
        # Partners write in French; the Creole translations are the editors' work, in the admin.
        return FundingCall.objects.filter(locale__language_code=settings.LANGUAGE_CODE).select_related("owner")

    def filtered(self, request):
        today = timezone.localdate()
        form = PartnerCallFilterForm(request.GET or None, locale=Locale.get_active())
        objects = form.apply(self.queryset().visible_to(request.user).with_status(today), today)
        return form, objects

    def export_columns(self):
        return [
            (_("Status"), lambda call: call.status_label),
            (_("Next deadline"), lambda call: call.next_deadline.isoformat() if call.next_deadline else ""),
        ]

    def _list(self, request):
        response = super()._list(request)
        today = timezone.localdate()
        page = response.context_data["page_obj"]
        for call in page:
            call.in_words = call.when_in_words(today)
        followed = set(
            Interest.objects.filter(user=request.user, call__in=[call.pk for call in page]).values_list(
                "call_id", flat=True
            )
        )
        response.context_data.update(followed=followed, month_url=reverse("extranet:funding_call_this_month"))
        return response

    def detail_context(self, request, call):
        today = timezone.localdate()
        locale = Locale.get_active()
        themes, audiences = Theme.names(locale), Audience.names(locale)
        interests = list(
            Interest.objects.filter(call=call).select_related("user", "organisation").order_by("intent", "created_at")
        )
        mine = next((interest for interest in interests if interest.user_id == request.user.pk), None)
        initial = {"intent": mine.intent, "note": mine.note} if mine else {"intent": Interest.Intent.FOLLOWING}
        return {
            "today": today,
            "in_words": call.when_in_words(today),
            "status": call.status_on(today),
            "deadlines": call.schedule,
            "attachments": list(call.attachments.all()),
            "themes": [themes.get(theme.slug, theme.name) for theme in call.themes.all()],
            "beneficiaries": [audiences.get(audience.slug, audience.name) for audience in call.beneficiaries.all()],
            "funders": list(call.funders.all()),
            "my_interest": mine,
            "others": [interest for interest in interests if interest.user_id != request.user.pk],
            "interest_form": InterestForm(initial=initial),
            "previous_edition": call.previous_edition
            if call.previous_edition_id and access.can_view(request.user, call.previous_edition)
            else None,
            "next_editions": list(call.next_editions.visible_to(request.user)),
        }

    # Sharing a call writes the call, its deadlines and its documents, or nothing.
    @transaction.atomic
    def _create(self, request):
        return super()._create(request)

    @transaction.atomic
    def _edit(self, request, pk):
        return super()._edit(request, pk)

    @transaction.atomic
    def _duplicate(self, request, pk):
        """The next edition of a recurring call: same words and labels, deadlines a year later; then edit it."""
        original = access.get_editable_or_404(self.queryset(), request, pk=pk)
        copy = FundingCall.objects.get(pk=original.pk)
        copy.pk = copy.id = None
        copy.translation_key = FundingCall._meta.get_field("translation_key").get_default()
        copy.previous_edition = original
        copy.opens_on = one_year_later(original.opens_on)
        copy.created_by = request.user
        copy.created_at = timezone.now()
        copy._state.adding = True
        # Like any new call, the next edition starts visible to its organisation only.
        access.share(copy, visibility=Visibility.ORGANISATION, actor=request.user)
        copy.themes.set(original.themes.all())
        copy.beneficiaries.set(original.beneficiaries.all())
        copy.funders.set(original.funders.all())
        Deadline.objects.bulk_create(
            Deadline(call=copy, due_on=one_year_later(deadline.due_on), kind=deadline.kind, label=deadline.label)
            for deadline in original.deadlines.all()
        )
        refresh_family_deadline_dates(copy)
        messages.success(
            request,
            _(
                "This is the next edition, with its dates moved one year later. Check them against the new rules, "
                "then choose who can see it."
            ),
        )
        return redirect(self.url("edit", copy.pk))

    def _interest(self, request, pk):
        """Follow a call, say we intend to apply or look for co-applicants, or stop."""
        call = access.get_visible_or_404(self.queryset(), request, pk=pk)
        if "stop" in request.POST:
            Interest.objects.filter(call=call, user=request.user).delete()
            messages.success(request, _("You no longer follow this call."))
            return redirect(call.get_absolute_url())
        form = InterestForm(request.POST)
        if not form.is_valid():
            context = {
                "views": self,
                "object": call,
                "audience": access.audience(call),
                **self.detail_context(request, call),
            }
            context.update(interest_form=form, can_edit=access.can_edit(request.user, call))
            return TemplateResponse(request, self.template("detail"), context, status=400)
        membership = (
            Membership.objects.filter(user=request.user).select_related("organisation").order_by("joined_at").first()
        )
        Interest.objects.update_or_create(
            call=call,
            user=request.user,
            defaults={
                "intent": form.cleaned_data["intent"],
                "note": form.cleaned_data["note"],
                "organisation": membership.organisation if membership else None,
            },
        )
        messages.success(request, _("Saved: partners who see this call see your interest."))
        return redirect(call.get_absolute_url())

    def _attachment(self, request, pk, attachment_id):
        call = access.get_visible_or_404(self.queryset(), request, pk=pk)
        attachment = get_object_or_404(Attachment, pk=attachment_id, call=call)
        return serve_attachment(attachment)

    def month(self, request, year, month):
        try:
            grid = MonthGrid(year, month, today=timezone.localdate())
        except ValueError as error:
            raise Http404 from error
        calls = self.queryset().visible_to(request.user)
        deadlines = Deadline.objects.filter(
            call__in=calls, due_on__gte=grid.weeks[0][0], due_on__lte=grid.weeks[-1][-1]
        ).select_related("call")
        # Deadlines are dates already; a busy day lists its calls by title.
        grid.fill(deadlines, per_day=6, day=F("due_on"), order_by=[F("call__title").asc(), F("pk").asc()])
        return TemplateResponse(
            request,
            "extranet/funding_calls/month.html",
            {
                "views": self,
                "grid": grid,
                "previous_url": grid.previous
                and reverse("extranet:funding_call_month", args=(grid.previous.year, grid.previous.month)),
                "next_url": grid.next
                and reverse("extranet:funding_call_month", args=(grid.next.year, grid.next.month)),
            },
        )

    def this_month(self, request):
        today = timezone.localdate()
        return redirect("extranet:funding_call_month", today.year, today.month)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.create_view = partner_required(self._create)
        self.edit_view = partner_required(self._edit)
        self.duplicate_view = partner_required(require_POST(self._duplicate))
        self.interest_view = partner_required(require_POST(self._interest))
        self.attachment_view = partner_required(self._attachment)
        self.month_view = partner_required(self.month)
        self.this_month_view = partner_required(self.this_month)


funding_calls = FundingCallViews(
    FundingCall,
    FundingCallForm,
    "funding_call",
    search_fields=["title", "summary", "programme", "funder_names"],
    export_fields=[
        "title",
        "kind",
        "summary",
        "programme",
        "funder_names",
        "perimeter",
        "opens_on",
        "recurrence",
        "amount_min",
        "amount_max",
        "cofinancing_rate",
        "url",
        "application_url",
        "contact_name",
        "contact_email",
    ],
)
