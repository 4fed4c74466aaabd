"""The server-error view: a database that cannot be reached is "try again in a moment" (503),
in the reader's language; any other fault is the plain error page (500). Neither shows a trace,
and neither asks the database anything, since it may be the database that failed."""

import sys

from django import db
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.defaults import server_error as plain_server_error

# PostgreSQL restarting: refused or dropped connections, "the database system is starting up".
UNREACHABLE_DATABASE = (db.OperationalError, db.InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]  # Django calls this view while handling the exception
    if not isinstance(error, UNREACHABLE_DATABASE):
        return plain_server_error(request, template_name)
    body = render_to_string("503.html", {"language": get_language(), "retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
