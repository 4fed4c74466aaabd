"""The editors' desk panel "searches that found nothing this week", drawn with the desk's template.

It lives here, not in home/admin_panels.py: home and search sit side by side at the top of the
layering and neither imports the other (DESIGN.md); Wagtail orders the home panels by ``order``.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from search import report

ROWS = 5


@dataclass
class Row:
    title: str
    url: str
    detail: str


class NothingFoundPanel(Component):
    name = "search-nothing-found"
    order = 60  # kept for it after the desk's panels (home/admin_panels.py)
    template_name = "home/admin/desk_panel.html"

    def __init__(self, request):
        self.queries = report.queries_without_results(7, limit=ROWS) if report.may_read(request.user) else None

    def get_context_data(self, parent_context=None):
        url = reverse("search_report")
        return {
            "panel_id": f"desk-{self.name}",
            "heading": _("Searches that found nothing this week"),
            "count": len(self.queries),
            "rows": [
                Row(
                    item.query,
                    url,
                    ngettext(
                        "%(count)s search without result", "%(count)s searches without result", item.without_results
                    )
                    % {"count": item.without_results},
                )
                for item in self.queries
            ],
            "full_url": url,
            "empty": _("Every search of the week found something."),
            "panel": self,
        }

    def render_html(self, parent_context=None):
        if self.queries is None:
            return ""
        return super().render_html(parent_context)
