"""A call's status comes from its dates: the database annotation and the Python method say the same, every day."""

from datetime import date, datetime, time

import pytest
import time_machine
from wagtail.models import Locale

from agenda.recurrence import REUNION
from annuaire.models import Organisation
from appels.models import Deadline, FundingCall, Status

pytestmark = pytest.mark.django_db


def make_call(opens_on=None, deadlines=(), recurrence=FundingCall.Recurrence.ONE_OFF, title="Appel"):
    owner = Organisation.objects.get_or_create(name="Organisation des dates")[0]
    call = FundingCall.objects.create(owner=owner, title=title, opens_on=opens_on, recurrence=recurrence)
    for day in deadlines:
        Deadline.objects.create(call=call, due_on=day)
    return call


def statuses_on(day, call):
    """(annotation, Python) on ``day``, in Réunion time, late in the evening to catch time-zone slips."""
    with time_machine.travel(datetime.combine(day, time(23, 30), tzinfo=REUNION), tick=False):
        annotated = FundingCall.objects.with_status().get(pk=call.pk).status
        fresh = FundingCall.objects.prefetch_related("deadlines").get(pk=call.pk)
        return annotated, fresh.status_on()


TWO_STEPS = [
    (date(2027, 2, 28), Status.UPCOMING),  # the day before it opens
    (date(2027, 3, 1), Status.OPEN),  # opens; the pre-submission is 19 days away
    (date(2027, 3, 5), Status.OPEN),  # 15 days before the first deadline
    (date(2027, 3, 6), Status.CLOSING_SOON),  # 14 days before
    (date(2027, 3, 20), Status.CLOSING_SOON),  # the day of the pre-submission
    (date(2027, 3, 21), Status.OPEN),  # the final submission is 40 days away
    (date(2027, 4, 16), Status.CLOSING_SOON),
    (date(2027, 4, 30), Status.CLOSING_SOON),  # the last day
    (date(2027, 5, 1), Status.CLOSED),
    (date(2028, 1, 1), Status.CLOSED),
]


@pytest.mark.parametrize("day, expected", TWO_STEPS)
def test_a_call_in_two_steps_changes_status_with_the_days(day, expected):
    call = make_call(date(2027, 3, 1), [date(2027, 3, 20), date(2027, 4, 30)])
    assert statuses_on(day, call) == (expected, expected)


@pytest.mark.parametrize(
    "recurrence, deadlines, expected",
    [
        (FundingCall.Recurrence.ONGOING, [], Status.OPEN),  # apply at any time
        (FundingCall.Recurrence.ONGOING, [date(2027, 1, 1)], Status.CLOSED),  # its only date passed
        (FundingCall.Recurrence.ONE_OFF, [], Status.CLOSED),
        (FundingCall.Recurrence.RECURRING, [date(2027, 6, 30)], Status.OPEN),
    ],
)
def test_calls_without_opening_date(recurrence, deadlines, expected):
    call = make_call(None, deadlines, recurrence)
    assert statuses_on(date(2027, 3, 1), call) == (expected, expected)


def test_a_translation_has_the_dates_and_status_of_its_original():
    call = make_call(date(2027, 3, 1), [date(2027, 3, 20)])
    translation = call.copy_for_translation(Locale.objects.get(language_code="rcf"))
    translation.title = "Lapèl"
    translation.save()
    assert statuses_on(date(2027, 3, 10), translation) == (Status.CLOSING_SOON, Status.CLOSING_SOON)
    assert [deadline.due_on for deadline in FundingCall.objects.get(pk=translation.pk).schedule] == [date(2027, 3, 20)]


@pytest.mark.parametrize(
    "day, words",
    [
        (date(2027, 2, 1), "opens on 1 March 2027"),
        (date(2027, 3, 15), "closes in 5 days"),
        (date(2027, 3, 19), "closes tomorrow"),
        (date(2027, 3, 20), "closes today"),
        (date(2027, 3, 21), "the deadline has passed"),
    ],
)
def test_the_next_deadline_in_words(day, words):
    from django.utils import translation

    call = make_call(date(2027, 3, 1), [date(2027, 3, 20)])
    with translation.override("en"), time_machine.travel(datetime.combine(day, time(9), tzinfo=REUNION), tick=False):
        annotated = FundingCall.objects.with_status().get(pk=call.pk)
        assert str(annotated.when_in_words()) == words
        assert str(FundingCall.objects.get(pk=call.pk).when_in_words()) == words


def test_the_stored_deadline_dates_follow_every_change_of_the_family_deadlines():
    """Lists sort thousands of calls on these copies: a stale one would put a call in the wrong place."""
    call = make_call(date(2027, 3, 1), [date(2027, 3, 20)])
    translation = call.copy_for_translation(Locale.objects.get(language_code="rcf"))
    translation.save()

    def stored():
        return set(
            FundingCall.objects.filter(translation_key=call.translation_key).values_list(
                "first_deadline", "last_deadline"
            )
        )

    assert stored() == {(date(2027, 3, 20), date(2027, 3, 20))}
    later = Deadline.objects.create(call=call, due_on=date(2027, 6, 30))
    assert stored() == {(date(2027, 3, 20), date(2027, 6, 30))}
    later.due_on = date(2027, 5, 31)
    later.save()
    assert stored() == {(date(2027, 3, 20), date(2027, 5, 31))}
    Deadline.objects.get(due_on=date(2027, 3, 20)).delete()
    assert stored() == {(date(2027, 5, 31), date(2027, 5, 31))}
    assert statuses_on(date(2027, 4, 1), translation) == (Status.OPEN, Status.OPEN)
    later.delete()
    assert stored() == {(None, None)}
    assert statuses_on(date(2027, 4, 1), translation) == (Status.CLOSED, Status.CLOSED)


def test_refreshing_after_a_bulk_insert_of_deadlines():
    call = make_call(date(2027, 3, 1))
    Deadline.objects.bulk_create(
        [Deadline(call=call, due_on=date(2027, 4, 1)), Deadline(call=call, due_on=date(2027, 9, 1))]
    )
    FundingCall.objects.filter(pk=call.pk).refresh_deadline_dates()
    call.refresh_from_db()
    assert (call.first_deadline, call.last_deadline) == (date(2027, 4, 1), date(2027, 9, 1))
    assert statuses_on(date(2027, 5, 1), call) == (Status.OPEN, Status.OPEN)
