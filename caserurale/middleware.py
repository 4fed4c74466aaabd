"""Headers of the open-data API (caserurale.api): open to every site, cacheable, and without cookies."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control

API_PREFIX = "/api/"
# Public data changes a few times a day: five minutes in caches and CDNs is fresh enough.
API_MAX_AGE = 300


class OpenDataApiMiddleware:
    """Placed before the session middleware, so that it sees and strips the cookies that one may add.

    A browser that also has an extranet session sends its cookie to /api/ too; the API never reads
    it, and its answers must not carry one back (nor vary with it), so that any cache may share them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":  # a CORS preflight: GET only, no credentials
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        else:
            request.COOKIES = {}  # nothing below may act on a visitor's session
            response = self.get_response(request)
            response.cookies.clear()
            if "Vary" in response:
                del response["Vary"]  # the answer depends on the address only
            if response.status_code == 200 and request.method in ("GET", "HEAD"):
                patch_cache_control(response, public=True, max_age=API_MAX_AGE)
        response["Access-Control-Allow-Origin"] = "*"
        return response
