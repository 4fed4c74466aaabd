"""E-mails about funding calls: digests of saved searches and deadline reminders, each sent once.

Every e-mail has a key (``alert:<saved search>:<period>``, ``reminders:<day>``) and a
:class:`~appels.calls.SentNotification` row per (recipient, key), unique in the database: the ledger
row of caserurale.delivery, which claims it (inserting the row, undelivered), gives it up when the mail
server refuses (deleting it) and marks it delivered. A task decides what to send from what the
recipient may see *now*, then sends it once; a digest moves its saved search's ``last_sent_at`` in the
transaction that marks it delivered. The lease is ``FUNDING_NOTIFICATION_LEASE``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from annuaire.models import MemberProfile
from appels import search
from appels.calls import Deadline, FundingCall, Interest, SavedSearch, SentNotification
from caserurale import delivery

REMINDER_DAYS = (30, 7, 1)


# Sending once ----------------------------------------------------------------------------------


def ledger(user, key):
    """The SentNotification of ``key`` to ``user``: the row is the claim, ``delivered`` once sent."""
    return delivery.Ledger(
        key=f"{key} to user {user.pk}",
        row=SentNotification.objects.filter(user=user, key=key),
        claimed_at="sent_at",
        unsent=Q(delivered=False),
        sent=lambda now: {"delivered": True, "sent_at": now},
        insert={"user": user, "key": key, "delivered": False},
    )


def send_once(user, key, build_message, after_delivery=None):
    """Send the message ``build_message()`` returns to ``user`` once for ``key``. True when sent now."""
    lease = settings.FUNDING_NOTIFICATION_LEASE
    return delivery.send_once(ledger(user, key), lease, build_message, after_delivery=after_delivery)


# Language and links ----------------------------------------------------------------------------


def recipient_language(user):
    language = MemberProfile.objects.filter(user=user).values_list("language", flat=True).first()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def remember_language(user, language):
    """Keep the language a partner uses the extranet in, for their e-mails."""
    if language in dict(settings.LANGUAGES):
        profile, _created = MemberProfile.objects.get_or_create(user=user)
        if profile.language != language:
            profile.language = language
            profile.save(update_fields=["language"])


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def call_url(call):
    """The call's page in the extranet (in the active language), absolute."""
    try:
        return absolute(reverse("extranet:funding_call_detail", args=[call.pk]))
    except NoReverseMatch:  # the extranet pages of calls are not installed: the dashboard lists them
        return absolute(reverse("extranet:dashboard"))


def translations(calls, language):
    """``{translation_key: call}`` of the translations of ``calls`` into ``language``."""
    keys = {call.translation_key for call in calls}
    rows = FundingCall.objects.filter(translation_key__in=keys, locale__language_code=language)
    return {row.translation_key: row for row in rows}


@dataclass
class CallLine:
    call: FundingCall
    title: str
    summary: str
    url: str


def call_lines(calls, language):
    translated = translations(calls, language)
    lines = []
    for call in calls:
        words = translated.get(call.translation_key, call)
        lines.append(CallLine(call=call, title=words.title, summary=words.summary, url=call_url(call)))
    return lines


def build_email(*, template, context, to, language, headers=None):
    """Subject, plain text and an HTML alternative, rendered in ``language``."""
    with translation.override(language), timezone.override(timezone.get_default_timezone()):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


# Saved searches ------------------------------------------------------------------------------


def period_of(frequency, day):
    """What a digest covers in its key: the day, or the ISO week for a weekly digest."""
    if frequency == SavedSearch.Frequency.WEEKLY:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def digest_calls(saved_search, now=None, today=None):
    """The calls to announce: created since the last digest, matching, and visible to the recipient *now*."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    since = saved_search.last_sent_at or saved_search.created_at
    visible = search.originals(FundingCall.objects.visible_to(saved_search.user))
    return list(
        search.filter_calls(visible, saved_search.query, today)
        .filter(created_at__gt=since, created_at__lte=now)
        .select_related("owner")
        .order_by("created_at", "pk")
    )


def unsubscribe_url(saved_search):
    return absolute(reverse("extranet:funding_alert_unsubscribe", args=[saved_search.unsubscribe_token]))


def send_digest(saved_search, period, now=None):
    """Send one saved search's digest for ``period``, once. True when an e-mail left now."""
    user = saved_search.user
    if not user.is_active or not user.email:
        return False
    now = now or timezone.now()
    calls = digest_calls(saved_search, now=now)
    if not calls:
        return False
    language = recipient_language(user)

    def message():
        with translation.override(language):
            unsubscribe = unsubscribe_url(saved_search)
            context = {
                "user": user,
                "saved_search": saved_search,
                "lines": call_lines(calls, language),
                "filters": search.describe(saved_search.query, language),
                "unsubscribe_url": unsubscribe,
                "searches_url": absolute(reverse("extranet:funding_alert_list")),
            }
        headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return build_email(
            template="extranet/funding_alerts/emails/digest",
            context=context,
            to=user.email,
            language=language,
            headers=headers,
        )

    def moved_on():
        SavedSearch.objects.filter(pk=saved_search.pk).update(last_sent_at=now)

    return send_once(user, f"alert:{saved_search.pk}:{period}", message, after_delivery=moved_on)


def searches_due(frequency):
    return SavedSearch.objects.filter(frequency=frequency, user__is_active=True).exclude(user__email="")


# Deadline reminders --------------------------------------------------------------------------


def reminder_dates(day):
    return {day + timedelta(days=days): days for days in REMINDER_DAYS}


def wants_reminders():
    """Users who did not turn every e-mail off on their profile."""
    return ~Exists(
        MemberProfile.objects.filter(user=OuterRef("pk"), notification_frequency=MemberProfile.Frequency.NONE)
    )


def users_with_reminders(day):
    """Ids of the people following a call with a deadline 30, 7 or 1 day(s) after ``day``."""
    keys = Deadline.objects.filter(due_on__in=reminder_dates(day)).values("call__translation_key")
    followed = Interest.objects.filter(call__translation_key__in=keys).values("user_id")
    users = get_user_model().objects.filter(pk__in=followed, is_active=True).exclude(email="")
    return list(users.filter(wants_reminders()).values_list("pk", flat=True))


def due_deadlines(user, day):
    """The deadlines to remind ``user`` of on ``day``, of calls they follow and may still see."""
    followed = Interest.objects.filter(user=user).values("call__translation_key")
    visible = FundingCall.objects.visible_to(user).filter(translation_key__in=followed)
    return list(
        Deadline.objects.filter(
            due_on__in=reminder_dates(day), call__translation_key__in=visible.values("translation_key")
        )
        .select_related("call")
        .order_by("due_on", "call__title", "pk")
    )


@dataclass
class ReminderLine(CallLine):
    deadline: Deadline = None
    days_left: int = 0


def send_reminders(user, day, now=None):
    """The one e-mail of ``day``'s reminders to ``user``, once. True when an e-mail left now."""
    if not user.is_active or not user.email:
        return False
    deadlines = due_deadlines(user, day)
    if not deadlines:
        return False
    language = recipient_language(user)
    days_left = reminder_dates(day)

    def message():
        with translation.override(language):
            calls = [deadline.call for deadline in deadlines]
            lines = [
                ReminderLine(**vars(line), deadline=deadline, days_left=days_left[deadline.due_on])
                for line, deadline in zip(call_lines(calls, language), deadlines, strict=True)
            ]
            context = {
                "user": user,
                "day": day,
                "lines": lines,
                "calendar_url": absolute(reverse("extranet:funding_calendar")),
            }
        return build_email(
            template="extranet/funding_alerts/emails/reminders", context=context, to=user.email, language=language
        )

    return send_once(user, f"reminders:{day.isoformat()}", message)


def parse_day(value):
    return value if isinstance(value, date) else date.fromisoformat(value)
