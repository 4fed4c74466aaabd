"""A request repeated at the same time every week ("every Tuesday 9–12 for 6 weeks")."""

from datetime import timedelta

MAX_WEEKS = 26


def weekly(starts_at, ends_at, weeks):
    """``weeks`` slots, one a week; aware datetimes keep their wall-clock time from week to week."""
    return [(starts_at + timedelta(weeks=week), ends_at + timedelta(weeks=week)) for week in range(weeks)]
