"""Editors learn when something new waits for them: at once, in a daily digest, or never (their choice,
EditorPreference.moderation_alerts). Each e-mail is sent once with caserurale.delivery's claim and
lease, recorded like the funding e-mails (appels.alerts.send_once: a SentNotification per editor and
key): a refused send gives its claim up for the retry, and a retried or raced task never sends twice."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from appels import alerts
from home import editors_desk
from home.editor_preferences import EditorPreference

Alerts = EditorPreference.Alerts
# The team works in French (as for the contact messages it receives).
TEAM_LANGUAGE = "fr"
SUBJECTS = {
    "event": gettext_noop("An event waits for moderation: %(title)s"),
    "contact": gettext_noop("New contact message: %(title)s"),
}
DIGEST_SUBJECT = gettext_noop("What waits for you on %(title)s")
CAN_ACT = {"event": "agenda.publish_event", "contact": "home.view_contactsubmission"}


def editors():
    """Active staff with an e-mail address who may publish events or read contact messages."""
    permission = Q()
    for codename in CAN_ACT.values():
        app_label, code = codename.split(".")
        permission |= Q(groups__permissions__codename=code, groups__permissions__content_type__app_label=app_label)
        permission |= Q(user_permissions__codename=code, user_permissions__content_type__app_label=app_label)
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | permission).distinct()


def choice_of(user):
    return editors_desk.preference_of(user).moderation_alerts


def editors_choosing(choice):
    """Ids of the editors who chose ``choice``; no row means the default, a daily digest."""
    chose = EditorPreference.objects.filter(moderation_alerts=choice).values("user_id")
    wanted = Q(pk__in=chose)
    if choice == EditorPreference._meta.get_field("moderation_alerts").default:
        wanted |= ~Q(pk__in=EditorPreference.objects.values("user_id"))
    return list(editors().filter(wanted).values_list("pk", flat=True))


def desk_url():
    return alerts.absolute(reverse("wagtailadmin_home"))


def message(user, template, subject, context):
    with translation.override(TEAM_LANGUAGE), timezone.override(timezone.get_default_timezone()):
        body = render_to_string(template, {"user": user, "desk_url": desk_url(), **context})
        subject = translation.gettext(subject)
    return EmailMessage(subject % context, body, None, [user.email])


@dataclass
class NewItem:
    kind: str  # "event" or "contact"
    key: str
    title: str
    author: str


def send_immediate(user, item):
    """Tell one editor who chose "at once" of one new item they may act on. True when sent now."""
    if choice_of(user) != Alerts.IMMEDIATE or not user.has_perm(CAN_ACT[item.kind]):
        return False
    subject = SUBJECTS[item.kind]

    def build():
        return message(user, "home/emails/desk_alert.txt", subject, {"title": item.title, "item": item})

    return alerts.send_once(user, f"desk:{item.key}", build)


def send_digest(user, day):
    """The day's digest of what waits for ``user``, once; nothing when nothing waits."""
    if choice_of(user) != Alerts.DAILY:
        return False
    events = editors_desk.events_to_moderate(user)
    contact = editors_desk.new_contact_messages(user, editors_desk.preference_of(user))
    if not (events and events.count) and not (contact and contact.count):
        return False

    def build():
        context = {"title": day.isoformat(), "events": events, "contact": contact, "day": day}
        return message(user, "home/emails/desk_digest.txt", DIGEST_SUBJECT, context)

    return alerts.send_once(user, f"desk:digest:{day.isoformat()}", build)
