"""Who is told of a booking's news, in which language, and when: each member's preference decides.

``notify`` runs inside the change's transaction and writes the notices; reservations.tasks queues
the immediate ones once the transaction commits (a rolled-back approval tells nobody).
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from annuaire.models import MemberProfile, Membership
from reservations.bookings import Booking, Status
from reservations.notices import BookingNotice

Frequency = MemberProfile.Frequency
DIGEST_WINDOW = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


def owner_side(booking):
    """The owner organisation's admins: they answer for its resources."""
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id=booking.resource.owner_id, role=Membership.Role.ADMIN, user__is_active=True
        ).select_related("user__profile")
    ]


def requester_side(booking):
    return [booking.requested_by] if booking.requested_by and booking.requested_by.is_active else []


def frequency_of(user):
    profile = getattr(user, "profile", None)
    return profile.notification_frequency if profile else Frequency.DAILY


def language_of(user):
    profile = getattr(user, "profile", None)
    return (profile and profile.language) or settings.LANGUAGE_CODE


def notify(booking, kind, actor=None):
    if kind in (BookingNotice.Kind.REQUESTED, BookingNotice.Kind.REMINDER):
        recipients = owner_side(booking)
    elif kind == BookingNotice.Kind.CANCELLED:
        on_owner_side = actor is not None and actor.pk in {user.pk for user in owner_side(booking)}
        recipients = requester_side(booking) if on_owner_side else owner_side(booking)
    else:
        recipients = requester_side(booking)
    recipients = [user for user in recipients if actor is None or user.pk != actor.pk]
    notices = [
        BookingNotice(user=user, booking=booking, kind=kind)
        for user in recipients
        if frequency_of(user) != Frequency.NONE
    ]
    return BookingNotice.objects.bulk_create(notices)


def claim(notice_ids):
    """Mark the notices as being sent; returns those this call claimed (none already claimed)."""
    now = timezone.now()
    claimed = []
    for notice_id in notice_ids:
        if BookingNotice.objects.filter(pk=notice_id, sent_at__isnull=True).update(sent_at=now):
            claimed.append(notice_id)
    return claimed


def link(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def deliver(user, notices):
    """One e-mail to ``user`` about ``notices`` (one, or a digest), in their language."""
    with translation.override(language_of(user)):
        items = [
            {
                "kind": notice.get_kind_display(),
                "booking": notice.booking,
                "link": link(reverse("extranet:booking_detail", args=[notice.booking_id])),
            }
            for notice in notices
        ]
        context = {"user": user, "items": items, "digest": len(items) > 1}
        subject = " ".join(render_to_string("reservations/emails/notice_subject.txt", context).split())
        body = render_to_string("reservations/emails/notice.txt", context)
    send_mail(subject, body, None, [user.email])


def notices_of(ids):
    return list(
        BookingNotice.objects.filter(pk__in=ids)
        .select_related("user__profile", "booking__resource__owner", "booking__organisation")
        .order_by("created_at", "pk")
    )


def unanswered(days, now=None):
    """Pending requests older than ``days`` whose owner was not reminded yet."""
    now = now or timezone.now()
    return Booking.objects.filter(
        Q(status=Status.PENDING), created_at__lte=now - timedelta(days=days), reminded_at__isnull=True
    ).upcoming()
