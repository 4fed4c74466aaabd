"""Reminders of the deadlines of followed calls, 30, 7 and 1 day(s) before, one e-mail a day at most."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import MemberProfile
from appels import tasks
from appels.models import Deadline, SentNotification
from tests.appels.conftest import follow, make_call, translate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_calls")]

REUNION = ZoneInfo("Indian/Reunion")
DEADLINE = date(2027, 3, 15)


def at_seven(day):
    """Beat's time: 7:00 in La Réunion."""
    return time_machine.travel(datetime.combine(day, time(7, 0), tzinfo=REUNION), tick=False)


def run_on(day):
    with at_seven(day):
        return tasks.queue_deadline_reminders.delay().get()


@pytest.fixture
def followed(people):
    call = make_call(
        people.org_a, "Fonds pour les tiers-lieux", deadlines=[(DEADLINE, Deadline.Kind.SUBMISSION, "session 1")]
    )
    follow(people.member_b, call)
    return call


@pytest.mark.parametrize("days_before", [30, 7, 1])
def test_a_reminder_leaves_30_7_and_1_day_before(people, followed, days_before):
    assert run_on(DEADLINE - timedelta(days=days_before)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["paul@fermedeshauts.re"]
    assert "Fonds pour les tiers-lieux" in message.body
    assert "session 1" in message.body
    assert "15" in message.body and str(days_before) in message.body
    assert any(mimetype == "text/html" for _content, mimetype in message.alternatives)


@pytest.mark.parametrize("days_before", [31, 29, 8, 6, 2, 0, -1])
def test_no_reminder_on_other_days(people, followed, days_before):
    assert run_on(DEADLINE - timedelta(days=days_before)) == 0
    assert mail.outbox == []


def test_the_whole_countdown_sends_three_emails_whatever_runs_twice(people, followed):
    day = DEADLINE - timedelta(days=35)
    while day <= DEADLINE:
        run_on(day)
        run_on(day)  # beat restarted, a task queued twice: same day, same key
        day += timedelta(days=1)
    assert len(mail.outbox) == 3
    assert SentNotification.objects.filter(user=people.member_b, delivered=True).count() == 3


def test_one_email_a_day_groups_that_days_reminders(people, followed):
    other = make_call(people.org_a, "Prix de l'innovation rurale", deadlines=[DEADLINE])
    follow(people.member_b, other)
    run_on(DEADLINE - timedelta(days=7))
    assert len(mail.outbox) == 1
    assert "Fonds pour les tiers-lieux" in mail.outbox[0].body
    assert "Prix de l'innovation rurale" in mail.outbox[0].body


def test_a_call_the_follower_may_no_longer_see_is_not_reminded(people, followed):
    access.share(followed, visibility=Visibility.ORGANISATION)
    run_on(DEADLINE - timedelta(days=7))  # checked when sending, not only when queuing
    assert mail.outbox == []


def test_no_email_for_someone_who_turned_emails_off(people, followed):
    MemberProfile.objects.create(user=people.member_b, notification_frequency=MemberProfile.Frequency.NONE)
    run_on(DEADLINE - timedelta(days=1))
    assert mail.outbox == []


def test_a_moved_deadline_is_reminded_on_its_new_date(people, followed):
    deadline = followed.deadlines.get()
    deadline.due_on = DEADLINE + timedelta(days=3)
    deadline.save()
    run_on(DEADLINE - timedelta(days=7))
    assert mail.outbox == []
    run_on(DEADLINE + timedelta(days=3) - timedelta(days=7))
    assert len(mail.outbox) == 1


def test_a_reminder_in_creole_uses_the_creole_title(people, followed):
    MemberProfile.objects.create(user=people.member_b, language="rcf")
    translate(followed, "Fon pou bann tièr-lié")
    run_on(DEADLINE - timedelta(days=1))
    assert "Fon pou bann tièr-lié" in mail.outbox[0].body
    assert "/rcf/extranet/" in mail.outbox[0].body
