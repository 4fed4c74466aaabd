"""Recurrence rules: validation, expansion in Réunion time, description. Plain Python, no database."""

import time as clock
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from agenda.recurrence import (
    COUNT_AND_UNTIL,
    DEFAULT_HORIZON,
    END_BEFORE_START,
    INVALID,
    MAX_OCCURRENCES,
    NEVER,
    REUNION,
    TOO_FREQUENT,
    RecurrenceError,
    describe,
    expand,
    validate_rule,
)

FOUR_HOURS = timedelta(hours=4)
# Wednesday 7 January 2026, 17:00–19:00 in Réunion: the soap-making workshop.
WORKSHOP_START = datetime(2026, 1, 7, 17, 0, tzinfo=REUNION)
WORKSHOP_END = datetime(2026, 1, 7, 19, 0, tzinfo=REUNION)
WEEKLY = "FREQ=WEEKLY;BYDAY=WE"


@pytest.fixture(autouse=True)
def default_language():
    """Replaces the autouse fixture of tests/conftest.py, which needs Django settings: this module is
    plain Python and also runs without pytest-django (pytest -p no:django)."""
    return


def local(*args):
    return datetime(*args, tzinfo=REUNION)


def starts(occurrences):
    return [first for first, _ in occurrences]


def workshop(rule=WEEKLY, **kwargs):
    return expand(WORKSHOP_START, WORKSHOP_END, rule, **kwargs)


# --- Expansion ---------------------------------------------------------------------------------


def test_a_weekly_workshop_stays_at_17h_local_for_three_months():
    occurrences = workshop(window_end=local(2026, 4, 7))
    assert len(occurrences) == 13  # 7 January … 1 April
    assert starts(occurrences)[-1] == local(2026, 4, 1, 17)
    for first, last in occurrences:
        assert first.tzinfo == REUNION and last.tzinfo == REUNION
        assert first.weekday() == 2
        assert (first.hour, first.minute, last.hour, last.minute) == (17, 0, 19, 0)
        assert first.utcoffset() == FOUR_HOURS and last.utcoffset() == FOUR_HOURS  # no daylight saving
        assert last - first == timedelta(hours=2)
    assert [b[0] - a[0] for a, b in pairwise(occurrences)] == [timedelta(days=7)] * 12


def test_an_event_given_in_utc_repeats_at_the_same_local_time():
    start = datetime(2026, 1, 7, 13, 0, tzinfo=UTC)
    occurrences = expand(start, start + timedelta(hours=2), WEEKLY, window_end=local(2026, 2, 1))
    assert starts(occurrences) == [local(2026, 1, day, 17) for day in (7, 14, 21, 28)]
    assert all(first.tzinfo == REUNION and first.utcoffset() == FOUR_HOURS for first in starts(occurrences))
    assert occurrences[0][1] == local(2026, 1, 7, 19)


def test_the_market_on_the_first_saturday_of_each_month_over_a_year():
    start = local(2026, 1, 3, 8)  # Saturday 3 January
    occurrences = expand(start, local(2026, 1, 3, 12), "FREQ=MONTHLY;BYDAY=1SA", window_end=local(2027, 1, 1))
    assert len(occurrences) == 12
    assert [first.month for first in starts(occurrences)] == list(range(1, 13))
    for first, last in occurrences:
        assert first.weekday() == 5 and first.day <= 7 and first.hour == 8
        assert (last - first) == timedelta(hours=4)
    assert [first.day for first in starts(occurrences)] == [3, 7, 7, 4, 2, 6, 4, 1, 5, 3, 7, 5]


def test_without_a_rule_the_event_happens_once():
    assert expand(WORKSHOP_START, WORKSHOP_END) == [(WORKSHOP_START, WORKSHOP_END)]
    assert expand(WORKSHOP_START, WORKSHOP_END, "  ") == [(WORKSHOP_START, WORKSHOP_END)]
    assert expand(WORKSHOP_START, WORKSHOP_END, window_start=local(2026, 2, 1)) == []
    assert expand(WORKSHOP_START, WORKSHOP_END, window_end=local(2026, 1, 7, 17)) == []


def test_a_single_event_given_in_another_zone_comes_back_in_reunion_time():
    start = datetime(2026, 1, 7, 13, 0, tzinfo=UTC)
    [(first, last)] = expand(start, start + timedelta(minutes=90))
    assert first == local(2026, 1, 7, 17) and first.tzinfo == REUNION
    assert last == local(2026, 1, 7, 18, 30)


def test_exdates_remove_occurrences_by_datetime_and_by_date():
    occurrences = workshop(
        "FREQ=WEEKLY;BYDAY=WE;COUNT=5",
        exdates=[local(2026, 1, 14, 17), date(2026, 1, 28), local(2026, 1, 21, 18)],  # the last matches nothing
    )
    assert starts(occurrences) == [local(2026, 1, 7, 17), local(2026, 1, 21, 17), local(2026, 2, 4, 17)]


def test_an_exdate_in_another_zone_is_the_same_instant():
    occurrences = workshop("FREQ=WEEKLY;COUNT=3", exdates=[datetime(2026, 1, 14, 13, tzinfo=UTC)])
    assert starts(occurrences) == [local(2026, 1, 7, 17), local(2026, 1, 21, 17)]


def test_an_exdate_can_remove_the_first_occurrence():
    assert starts(workshop("FREQ=WEEKLY;COUNT=2", exdates=[date(2026, 1, 7)])) == [local(2026, 1, 14, 17)]
    assert expand(WORKSHOP_START, WORKSHOP_END, exdates=[WORKSHOP_START]) == []


def test_exdates_and_rdates_may_be_iso_text_as_a_json_field_stores_them():
    occurrences = workshop(
        "FREQ=WEEKLY;COUNT=3",
        exdates=["2026-01-14", "2026-01-21T13:00:00+00:00"],
        rdates=["2026-01-10T10:00:00+04:00"],
    )
    assert starts(occurrences) == [local(2026, 1, 7, 17), local(2026, 1, 10, 10)]


def test_an_rdate_adds_an_occurrence_with_the_same_duration():
    occurrences = workshop("FREQ=WEEKLY;COUNT=3", rdates=[local(2026, 1, 10, 10)])
    assert occurrences == [
        (local(2026, 1, 7, 17), local(2026, 1, 7, 19)),
        (local(2026, 1, 10, 10), local(2026, 1, 10, 12)),
        (local(2026, 1, 14, 17), local(2026, 1, 14, 19)),
        (local(2026, 1, 21, 17), local(2026, 1, 21, 19)),
    ]


def test_an_rdate_that_is_also_a_rule_occurrence_appears_once():
    occurrences = workshop(
        "FREQ=WEEKLY;COUNT=3", rdates=[local(2026, 1, 14, 17), datetime(2026, 1, 14, 13, tzinfo=UTC)]
    )
    assert starts(occurrences) == [local(2026, 1, 7, 17), local(2026, 1, 14, 17), local(2026, 1, 21, 17)]


def test_an_rdate_given_as_a_date_keeps_the_time_of_day():
    occurrences = expand(WORKSHOP_START, WORKSHOP_END, rdates=[date(2026, 3, 4)])
    assert starts(occurrences) == [local(2026, 1, 7, 17), local(2026, 3, 4, 17)]


def test_exdates_also_remove_rdates():
    assert starts(workshop("", rdates=[local(2026, 1, 10, 10)], exdates=[date(2026, 1, 10)])) == [WORKSHOP_START]


def test_count_is_respected():
    occurrences = workshop("FREQ=WEEKLY;BYDAY=WE;COUNT=4")
    assert starts(occurrences) == [local(2026, 1, day, 17) for day in (7, 14, 21, 28)]


@pytest.mark.parametrize(
    ("until", "last_day"),
    [
        ("20260204", 4),  # a date includes that whole day
        ("20260204T170000", 4),  # wall-clock time in Réunion
        ("20260204T130000Z", 4),  # 17:00 in Réunion
        ("20260204T125959Z", 3),  # one second before the 4 February occurrence: it is left out
        ("20260203", 3),
    ],
)
def test_until_is_respected(until, last_day):
    occurrences = workshop(f"FREQ=WEEKLY;UNTIL={until}")
    expected_last = local(2026, 2, 4, 17) if last_day == 4 else local(2026, 1, 28, 17)
    assert starts(occurrences)[-1] == expected_last
    assert len(occurrences) == (5 if last_day == 4 else 4)


def test_a_rule_without_end_stops_at_the_horizon():
    start = local(2026, 1, 1, 9)
    occurrences = expand(start, start + timedelta(hours=1), "FREQ=DAILY")
    assert len(occurrences) == DEFAULT_HORIZON.days == 400  # under the cap of 500
    assert all(first < start + DEFAULT_HORIZON for first in starts(occurrences))
    assert len(expand(start, start, "FREQ=DAILY", horizon=timedelta(days=30))) == 30


def test_the_cap_limits_the_occurrences_whatever_the_rule_says():
    start = local(2026, 1, 1, 9)
    far = local(2040, 1, 1)
    assert len(expand(start, start, "FREQ=DAILY", window_end=far)) == MAX_OCCURRENCES == 500
    assert len(expand(start, start, "FREQ=DAILY;COUNT=5000", window_end=far)) == 500
    assert starts(expand(start, start, "FREQ=DAILY", cap=3)) == [
        start,
        start + timedelta(days=1),
        start + timedelta(days=2),
    ]
    assert expand(start, start, "FREQ=DAILY", cap=0) == []
    # The cap keeps the earliest occurrences, rdates included.
    assert starts(expand(start, start, "FREQ=WEEKLY", rdates=[local(2026, 1, 2, 9)], cap=2)) == [
        start,
        local(2026, 1, 2, 9),
    ]


def test_window_start_keeps_an_occurrence_in_progress():
    in_progress = workshop(window_start=local(2026, 1, 14, 18), window_end=local(2026, 1, 29))
    assert in_progress == [
        (local(2026, 1, 14, 17), local(2026, 1, 14, 19)),
        (local(2026, 1, 21, 17), local(2026, 1, 21, 19)),
        (local(2026, 1, 28, 17), local(2026, 1, 28, 19)),
    ]
    # One that is over when the window starts is left out; the window end is excluded.
    over = workshop(window_start=local(2026, 1, 14, 19), window_end=local(2026, 1, 28, 17))
    assert starts(over) == [local(2026, 1, 21, 17)]


def test_the_default_window_runs_for_the_horizon_after_window_start():
    """An event that started long ago still has its coming occurrences."""
    started = local(2024, 1, 3, 17)  # a Wednesday
    occurrences = expand(started, started + timedelta(hours=2), WEEKLY, window_start=local(2026, 1, 1))
    assert starts(occurrences)[0] == local(2026, 1, 7, 17)
    assert starts(occurrences)[-1] == local(2027, 2, 3, 17)  # the last Wednesday before 1 January 2026 + 400 days
    assert len(occurrences) == 57


def test_a_start_that_the_rule_does_not_give_is_still_the_first_occurrence():
    """RFC 5545: DTSTART is always in the set, and COUNT counts it (as calendar applications do)."""
    monday = local(2026, 1, 5, 17)
    occurrences = expand(monday, monday + timedelta(hours=2), "FREQ=WEEKLY;BYDAY=WE;COUNT=3")
    assert starts(occurrences) == [monday, local(2026, 1, 7, 17), local(2026, 1, 14, 17)]
    assert starts(expand(monday, monday, "FREQ=WEEKLY;BYDAY=WE;COUNT=1")) == [monday]


def test_a_rule_that_never_matches_its_start_does_not_hang():
    start = local(2026, 1, 30, 9)  # the 30th: February has none
    begun = clock.monotonic()
    assert starts(expand(start, start, "FREQ=YEARLY;BYMONTH=2")) == [start]
    assert starts(expand(start, start, "FREQ=MONTHLY;BYMONTH=2", window_end=local(2100, 1, 1))) == [start]
    assert clock.monotonic() - begun < 5


def test_occurrences_are_sorted_and_unique():
    occurrences = workshop(
        "FREQ=WEEKLY;BYDAY=WE,SA;COUNT=6",
        rdates=[local(2026, 1, 8, 9), local(2026, 1, 8, 9), local(2026, 1, 10, 17)],
    )
    assert starts(occurrences) == sorted(set(starts(occurrences)))
    assert len(occurrences) == 7


def test_an_all_day_weekly_event_gives_dates():
    occurrences = expand(date(2026, 1, 3), date(2026, 1, 4), "FREQ=WEEKLY;COUNT=4", exdates=[date(2026, 1, 10)])
    assert occurrences == [
        (date(2026, 1, 3), date(2026, 1, 4)),
        (date(2026, 1, 17), date(2026, 1, 18)),
        (date(2026, 1, 24), date(2026, 1, 25)),
    ]
    assert all(type(first) is date and type(last) is date for first, last in occurrences)


def test_an_all_day_event_over_two_days_with_a_window_and_an_until():
    occurrences = expand(
        date(2026, 1, 3),
        date(2026, 1, 5),  # Saturday and Sunday, end exclusive
        "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20260606",
        rdates=[date(2026, 1, 24)],
        exdates=[local(2026, 3, 7, 12)],  # a datetime removes the all-day occurrence of its day
        window_start=local(2026, 1, 4, 10),  # during the first weekend: kept
        window_end=date(2026, 6, 6),  # the June market starts on the window's end: left out
    )
    assert occurrences == [
        (date(2026, 1, 3), date(2026, 1, 5)),
        (date(2026, 1, 24), date(2026, 1, 26)),
        (date(2026, 2, 7), date(2026, 2, 9)),
        (date(2026, 4, 4), date(2026, 4, 6)),
        (date(2026, 5, 2), date(2026, 5, 4)),
    ]


def test_an_end_before_the_start_is_refused():
    with pytest.raises(RecurrenceError) as error:
        expand(WORKSHOP_END, WORKSHOP_START, WEEKLY)
    assert str(error.value) == END_BEFORE_START and error.value.code == "end_before_start"
    with pytest.raises(RecurrenceError):
        expand(date(2026, 1, 4), date(2026, 1, 3))


def test_a_zero_length_event_is_allowed():
    assert expand(WORKSHOP_START, WORKSHOP_START) == [(WORKSHOP_START, WORKSHOP_START)]


def test_naive_or_mixed_values_are_programming_errors():
    with pytest.raises(ValueError, match="naive"):
        expand(datetime(2026, 1, 7, 17), datetime(2026, 1, 7, 19))
    with pytest.raises(ValueError, match="naive"):
        workshop(exdates=[datetime(2026, 1, 14, 17)])
    with pytest.raises(TypeError):
        expand(date(2026, 1, 7), WORKSHOP_END)


def test_expand_refuses_an_invalid_rule():
    with pytest.raises(RecurrenceError):
        workshop("FREQ=SOMETIMES")


# --- Validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "normalised"),
    [
        ("rrule:freq=weekly;byday=we", "FREQ=WEEKLY;BYDAY=WE"),
        ("FREQ=WEEKLY;BYDAY=WE", "FREQ=WEEKLY;BYDAY=WE"),
        (" RRULE:FREQ=MONTHLY;BYDAY=+1SA; ", "FREQ=MONTHLY;BYDAY=1SA"),
        ("BYDAY=TH,MO;FREQ=WEEKLY;INTERVAL=1;WKST=MO", "FREQ=WEEKLY;BYDAY=TH,MO"),
        ("freq=weekly;interval=02;count=10;byday=we", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=10"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231T235959Z", "FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231T235959Z"),
        ("FREQ=YEARLY;BYMONTHDAY=14;BYMONTH=7", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=14"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
        ("FREQ=DAILY;UNTIL=20260301", "FREQ=DAILY;UNTIL=20260301"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_validate_rule_normalises(rule, normalised):
    assert validate_rule(rule) == normalised
    assert validate_rule(normalised) == normalised


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=SOMETIMES", INVALID),
        ("BYDAY=XX", INVALID),
        ("FREQ=WEEKLY;BYDAY=XX", INVALID),
        ("FREQ=WEEKLY;BYDAY=", INVALID),
        ("FREQ=MINUTELY", TOO_FREQUENT),
        ("FREQ=HOURLY;INTERVAL=2", TOO_FREQUENT),
        ("FREQ=SECONDLY", TOO_FREQUENT),
        ("FREQ=DAILY;BYHOUR=9,17", TOO_FREQUENT),
        ("FREQ=DAILY;BYHOUR=9", INVALID),
        ("FREQ", INVALID),
        ("WEEKLY", INVALID),
        ("FREQ=WEEKLY;FREQ=DAILY", INVALID),
        ("FREQ=WEEKLY;COLOUR=BLUE", INVALID),
        ("FREQ=WEEKLY;DTSTART=20260101T000000Z", INVALID),
        ("FREQ=WEEKLY;INTERVAL=0", INVALID),
        ("FREQ=WEEKLY;INTERVAL=-2", INVALID),
        ("FREQ=WEEKLY;INTERVAL=1_0", INVALID),
        ("FREQ=WEEKLY;COUNT=0", INVALID),
        ("FREQ=WEEKLY;COUNT=ten", INVALID),
        ("FREQ=WEEKLY;UNTIL=2026-12-31", INVALID),
        ("FREQ=WEEKLY;UNTIL=20261301", INVALID),
        ("FREQ=WEEKLY;UNTIL=20261231T250000Z", INVALID),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20261231", COUNT_AND_UNTIL),
        ("FREQ=WEEKLY;BYDAY=1MO", INVALID),  # an ordinal only goes with MONTHLY or YEARLY
        ("FREQ=MONTHLY;BYDAY=6SA", INVALID),
        ("FREQ=MONTHLY;BYDAY=0SA", INVALID),
        ("FREQ=WEEKLY;BYMONTHDAY=3", INVALID),
        ("FREQ=MONTHLY;BYMONTHDAY=32", INVALID),
        ("FREQ=MONTHLY;BYMONTH=13", INVALID),
        ("FREQ=MONTHLY;BYWEEKNO=3", INVALID),
        ("FREQ=YEARLY;BYWEEKNO=54", INVALID),
        ("FREQ=MONTHLY;BYYEARDAY=100", INVALID),
        ("FREQ=WEEKLY;BYSETPOS=1", INVALID),
        ("FREQ=WEEKLY;WKST=XX", INVALID),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", NEVER),
        ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", NEVER),
    ],
)
def test_invalid_rules_are_refused_with_a_short_message(rule, message):
    begun = clock.monotonic()
    with pytest.raises(RecurrenceError) as error:
        validate_rule(rule)
    assert str(error.value) == message
    assert clock.monotonic() - begun < 5  # a rule that never happens is found out quickly


def test_recurrence_error_is_a_value_error_with_a_code():
    with pytest.raises(ValueError) as error:
        validate_rule("FREQ=MINUTELY")
    assert isinstance(error.value, RecurrenceError) and error.value.code == "too_frequent"
    with pytest.raises(RecurrenceError):
        validate_rule(None)


def test_a_rare_but_possible_rule_is_accepted():
    assert validate_rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29") == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
    start = local(2026, 3, 1, 10)
    occurrences = expand(start, start, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", window_end=local(2033, 1, 1))
    assert starts(occurrences) == [start, local(2028, 2, 29, 10), local(2032, 2, 29, 10)]


# --- Description -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "french", "creole"),
    [
        ("FREQ=DAILY", "Chaque jour", "Shak zour"),
        ("FREQ=DAILY;INTERVAL=3", "Tous les trois jours", "Shak troi zour"),
        ("FREQ=WEEKLY", "Chaque semaine", "Shak smenn"),
        ("rrule:freq=weekly;byday=we", "Chaque mercredi", "Shak mèrkrédi"),
        ("FREQ=WEEKLY;BYDAY=TH,MO", "Chaque lundi et jeudi", "Shak lindi é zédi"),
        ("FREQ=WEEKLY;BYDAY=FR,MO,WE", "Chaque lundi, mercredi et vendredi", "Shak lindi, mèrkrédi é vandrédi"),
        ("FREQ=DAILY;BYDAY=SA,SU", "Chaque samedi et dimanche", "Shak samdi é dimansh"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "Toutes les deux semaines, le mercredi", "Shak dé smenn, lo mèrkrédi"),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            "Toutes les deux semaines, le lundi et le jeudi",
            "Shak dé smenn, lo lindi é lo zédi",
        ),
        ("FREQ=WEEKLY;INTERVAL=6", "Toutes les 6 semaines", "Shak 6 smenn"),
        ("FREQ=MONTHLY", "Chaque mois", "Shak moi"),
        ("FREQ=MONTHLY;BYDAY=1SA", "Le premier samedi du mois", "Lo premié samdi dann moi"),
        ("FREQ=MONTHLY;BYDAY=2TU", "Le deuxième mardi du mois", "Lo dézièm mardi dann moi"),
        ("FREQ=MONTHLY;BYDAY=3TH", "Le troisième jeudi du mois", "Lo troizièm zédi dann moi"),
        ("FREQ=MONTHLY;BYDAY=4SU", "Le quatrième dimanche du mois", "Lo katrièm dimansh dann moi"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "Le dernier vendredi du mois", "Lo dèrnié vandrédi dann moi"),
        (
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=1SA",
            "Le premier samedi du mois, tous les deux mois",
            "Lo premié samdi dann moi, shak dé moi",
        ),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "Le 15 de chaque mois", "Lo 15 shak moi"),
        ("FREQ=MONTHLY;BYMONTHDAY=1", "Le 1er de chaque mois", "Lo 1 shak moi"),
        ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15", "Le 15, tous les trois mois", "Lo 15, shak troi moi"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "Le dernier jour du mois", "Lo dèrnié zour dann moi"),
        ("FREQ=YEARLY", "Chaque année", "Shak lané"),
        ("FREQ=YEARLY;INTERVAL=2", "Tous les deux ans", "Shak dé an"),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20", "Le 20 décembre de chaque année", "Lo 20 désanm shak lané"),
        (
            "FREQ=WEEKLY;BYDAY=WE;UNTIL=20261231",
            "Chaque mercredi jusqu'au 31 décembre 2026",
            "Shak mèrkrédi jiska 31 désanm 2026",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20260301T195959Z",  # 23:59:59 on 1 March in Réunion
            "Le premier samedi du mois jusqu'au 1er mars 2026",
            "Lo premié samdi dann moi jiska 1 mars 2026",
        ),
        ("FREQ=WEEKLY;BYDAY=WE;COUNT=10", "Chaque mercredi, 10 fois", "Shak mèrkrédi, 10 foi"),
        ("FREQ=DAILY;COUNT=5", "Chaque jour, 5 fois", "Shak zour, 5 foi"),
    ],
)
def test_describe_common_rules(rule, french, creole):
    assert describe(rule) == french
    assert describe(rule, "fr") == french
    assert describe(rule, "rcf") == creole


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=YEARLY;BYWEEKNO=20",
        "FREQ=MONTHLY;BYDAY=1SA,3SA",
        "FREQ=MONTHLY;BYMONTHDAY=1,15",
        "FREQ=MONTHLY;BYDAY=5SA",
        "FREQ=YEARLY;BYMONTH=7",
        "FREQ=DAILY;INTERVAL=2;BYDAY=MO",
        "FREQ=SOMETIMES",  # an invalid rule is not an error here: it is only shown
    ],
)
def test_describe_falls_back_for_the_other_rules(rule):
    assert describe(rule) == "Répété selon une règle particulière"
    assert describe(rule, "rcf") == "I répèt dapré in règ spésial"


def test_describe_a_blank_rule_or_another_language():
    assert describe("") == "" and describe("  ", "rcf") == ""
    assert describe(WEEKLY, "fr-fr") == "Chaque mercredi"
    assert describe(WEEKLY, "en") == "Chaque mercredi"  # the site's default language
