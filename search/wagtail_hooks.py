from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import QueryStat, SynonymGroup


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synonyms")
    add_to_admin_menu = False
    list_display = ["name", "words"]
    search_fields = ["name", "words"]


class QueryStatViewSet(SnippetViewSet):
    """The editors' report: frequent queries, and those that found nothing (no personal data)."""

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
