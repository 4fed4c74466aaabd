"""Content Security Policy: Django's own middleware, with a looser policy for the Wagtail admin only.

Public and partner pages run no inline script without the request's nonce, load nothing from
other origins but embedded video players, and cannot be framed. The admin still needs inline
styles and scripts, and frames its own previews.
"""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware


class SitePolicyMiddleware(ContentSecurityPolicyMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(settings.WAGTAILADMIN_PATH) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.ADMIN_CSP
        return super().process_response(request, response)
