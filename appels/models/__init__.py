"""The funding calls' models, where Django and the other apps find them.

The domain (calls, deadlines, attachments, interests, saved searches) lives in appels.calls and the
public page type in appels.pages, which builds on the filters. Inside appels, import from those
modules: importing this package loads the page, and with it every module the page calls.
"""

from appels.calls import (
    CLOSING_SOON_DAYS,
    Attachment,
    CalendarToken,
    Deadline,
    FundingCall,
    FundingCallGroupObjectPermission,
    FundingCallQuerySet,
    FundingCallUserObjectPermission,
    Interest,
    SavedSearch,
    SentNotification,
    Status,
    family_deadline_dates,
    public_calls,
    refresh_family_deadline_dates,
)
from appels.downloads import serve_attachment
from appels.pages import FundingPage, public_profile_urls

__all__ = [
    "CLOSING_SOON_DAYS",
    "Attachment",
    "CalendarToken",
    "Deadline",
    "FundingCall",
    "FundingCallGroupObjectPermission",
    "FundingCallQuerySet",
    "FundingCallUserObjectPermission",
    "FundingPage",
    "Interest",
    "SavedSearch",
    "SentNotification",
    "Status",
    "family_deadline_dates",
    "public_calls",
    "public_profile_urls",
    "refresh_family_deadline_dates",
    "serve_attachment",
]
