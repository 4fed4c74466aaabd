from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import report
from search.admin_panels import NothingFoundPanel
from search.admin_views import SearchReportView
from search.models import QueryStat, SynonymGroup


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synonyms")
    add_to_admin_menu = False
    list_display = ["name", "words"]
    search_fields = ["name", "words"]


class QueryStatViewSet(SnippetViewSet):
    """The day-by-day counts behind the report (no personal data)."""

    model = QueryStat
    icon = "search"
    menu_label = _("Search statistics")
    list_display = ["query", "day", "searches", "without_results"]
    list_filter = ["day"]
    search_fields = ["query"]
    ordering = ["-searches"]
    inspect_view_enabled = True


register_snippet(SynonymViewSet)
register_snippet(QueryStatViewSet)


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return report.may_read(request.user)


@hooks.register("register_admin_urls")
def search_report_urls():
    return [path("rapports/recherches/", SearchReportView.as_view(), name="search_report")]


@hooks.register("register_reports_menu_item")
def search_report_menu_item():
    return SearchReportMenuItem(
        _("What residents search for"), reverse("search_report"), name="search-report", icon_name="search", order=1000
    )


@hooks.register("construct_homepage_panels")
def add_nothing_found_panel(request, panels):
    panels.append(NothingFoundPanel(request))
