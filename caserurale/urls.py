from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from caserurale.api import api
from extranet import urls as extranet_urls
from home.sitemaps import BilingualSitemap
from home.views import robots_txt
from reservations import urls as reservations_urls
from search import partners as partners_search
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The open-data API: one address for every language (?lang=rcf), so outside i18n_patterns.
    path("api/v1/", api.urls),
]

if settings.SERVE_MEDIA:
    # The embedded default serves uploads itself; production leaves that to the proxy or S3.
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# French lives at /, Creole at /rcf/: every public URL exists in both.
urlpatterns += i18n_patterns(
    # The partners' search lives in ``search`` and bookings in ``reservations`` (extranet may use
    # neither), under the extranet's names.
    path(
        "extranet/",
        include(
            (
                [
                    *extranet_urls.urlpatterns,
                    *reservations_urls.urlpatterns,
                    path("recherche/", partners_search.search, name="search"),
                ],
                extranet_urls.app_name,
            )
        ),
    ),
    path("recherche/", search_views.search, name="search"),
    path("recherche/suggestions/", search_views.suggestions, name="search_suggestions"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database that cannot be reached answers "try again in a moment" (503), not a 500.
handler500 = "caserurale.errors.server_error"
