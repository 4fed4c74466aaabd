"""The directory of organisations and members, circles, invitations and memberships."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annuaire import access
from annuaire.models import AccessLogEntry, Circle, Membership, Organisation
from caserurale.forms import form_status
from extranet.forms.organisations import AcceptInvitationForm, InviteForm, MembershipForm
from extranet.models import Document, Invitation, Resource
from extranet.tasks import send_invitation
from extranet.views.decorators import partner_required


def can_manage(user, organisation):
    """Organisation admins manage their own organisation; coordinators manage all."""
    return (
        access.is_coordinator(user)
        or Membership.objects.filter(user=user, organisation=organisation, role=Membership.Role.ADMIN).exists()
    )


@partner_required
def organisation_list(request):
    organisations = Organisation.objects.annotate(member_count=Count("memberships")).order_by("name")
    mine = set(Membership.objects.filter(user=request.user).values_list("organisation_id", flat=True))
    return TemplateResponse(request, "extranet/organisations/list.html", {"organisations": organisations, "mine": mine})


@partner_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    memberships = organisation.memberships.select_related("user", "user__profile").order_by("user__last_name")
    manage = can_manage(request.user, organisation)
    return TemplateResponse(
        request,
        "extranet/organisations/detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "can_manage": manage,
            "invitations": organisation.invitations.pending() if manage else [],
            "circles": organisation.circles.all(),
            "resources": Resource.objects.visible_to(request.user).filter(owner=organisation)[:10],
            "documents": Document.objects.visible_to(request.user).filter(owner=organisation)[:10],
            "membership": memberships.filter(user=request.user).first(),
            "role_form": MembershipForm(),
        },
    )


@partner_required
def invite(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage(request.user, organisation):
        access.log_refusal(request, Organisation, {"slug": slug})
        raise Http404
    form = InviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation, _token = Invitation.create(
                email=form.cleaned_data["email"],
                organisation=organisation,
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
            access.log_access(AccessLogEntry.Action.INVITATION_SENT, organisation, request.user, email=invitation.email)
            send_invitation.delay_on_commit(invitation.pk, request.LANGUAGE_CODE)
        messages.success(
            request, _("Invitation sent to %(email)s. The link is valid for 7 days.") % {"email": invitation.email}
        )
        return redirect(organisation.get_absolute_url())
    return TemplateResponse(
        request,
        "extranet/organisations/invite.html",
        {"organisation": organisation, "form": form},
        status=form_status(request),
    )


@partner_required
@require_POST
def membership_edit(request, slug, membership_id):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage(request.user, organisation):
        access.log_refusal(request, Organisation, {"slug": slug})
        raise Http404
    membership = get_object_or_404(Membership, pk=membership_id, organisation=organisation)
    if request.POST.get("action") == "remove":
        if _is_last_admin(membership):
            messages.error(request, _("The organisation needs at least one admin: name another admin first."))
        else:
            membership.delete()
            access.log_access(
                AccessLogEntry.Action.MEMBER_REMOVED, organisation, request.user, user=membership.user.email
            )
            messages.success(request, _("%(name)s is no longer a member.") % {"name": membership.user.get_full_name()})
        return redirect(organisation.get_absolute_url())
    form = MembershipForm(request.POST)
    if form.is_valid() and form.cleaned_data["role"] != membership.role:
        if membership.is_admin and _is_last_admin(membership):
            messages.error(request, _("The organisation needs at least one admin: name another admin first."))
        else:
            previous = membership.role
            membership.role = form.cleaned_data["role"]
            membership.save()
            access.log_access(
                AccessLogEntry.Action.ROLE_CHANGED,
                organisation,
                request.user,
                user=membership.user.email,
                before=previous,
                after=membership.role,
            )
            messages.success(request, _("The role is updated."))
    return redirect(organisation.get_absolute_url())


@partner_required
@require_POST
def leave(request, slug):
    membership = (
        Membership.objects.filter(user=request.user, organisation__slug=slug).select_related("organisation").first()
    )
    if membership is None:
        raise Http404
    if _is_last_admin(membership):
        messages.error(
            request,
            _("You are the last admin of %(name)s: name another admin before you leave.")
            % {"name": membership.organisation},
        )
        return redirect(membership.organisation.get_absolute_url())
    membership.delete()
    access.log_access(
        AccessLogEntry.Action.MEMBER_REMOVED, membership.organisation, request.user, user=request.user.email, left=True
    )
    messages.success(request, _("You have left %(name)s.") % {"name": membership.organisation})
    if access.is_partner(request.user):
        return redirect("extranet:dashboard")
    return redirect("extranet:profile")


def _is_last_admin(membership):
    return (
        membership.is_admin
        and not Membership.objects.filter(organisation=membership.organisation, role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


@partner_required
def member_list(request):
    User = get_user_model()
    people = (
        User.objects.filter(is_active=True, memberships__isnull=False)
        .distinct()
        .select_related("profile")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("organisation")))
        .order_by("last_name", "first_name")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "extranet/organisations/members.html", {"people": page, "page_obj": page})


@partner_required
def circle_list(request):
    circles = Circle.objects.prefetch_related("organisations")
    return TemplateResponse(request, "extranet/organisations/circles.html", {"circles": circles})


@partner_required
def circle_detail(request, slug):
    circle = get_object_or_404(Circle.objects.prefetch_related("organisations"), slug=slug)
    return TemplateResponse(request, "extranet/organisations/circle.html", {"circle": circle})


def invitation_accept(request, token):
    invitation = Invitation.find(token)
    if invitation is None or not invitation.is_usable:
        return TemplateResponse(
            request, "extranet/organisations/invitation_invalid.html", {"invitation": invitation}, status=404
        )
    User = get_user_model()
    existing = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    context = {"invitation": invitation, "existing": existing}
    if request.user.is_authenticated and request.user.email.lower() != invitation.email:
        return TemplateResponse(request, "extranet/organisations/invitation_other_account.html", context, status=403)
    if existing and not request.user.is_authenticated:
        return TemplateResponse(request, "extranet/organisations/invitation_login.html", context)
    form = None if existing else AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        with transaction.atomic():
            # Locked, then checked again: a link used twice at the same moment joins once.
            invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if not invitation.is_usable:
                return TemplateResponse(request, "extranet/organisations/invitation_invalid.html", context, status=404)
            user = existing or form.save()
            Membership.objects.get_or_create(
                user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
            )
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["accepted_at"])
            access.log_access(
                AccessLogEntry.Action.INVITATION_ACCEPTED, invitation.organisation, user, email=user.email
            )
        if not request.user.is_authenticated:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to the partners' space of %(name)s!") % {"name": invitation.organisation})
        return redirect("extranet:dashboard")
    context["form"] = form
    return TemplateResponse(
        request, "extranet/organisations/invitation_accept.html", context, status=form_status(request)
    )
