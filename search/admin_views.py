from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from search import report


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    """The editors' report: what residents look for, and what they did not find."""

    template_name = "search/admin/report.html"
    page_title = _("What residents search for")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not report.may_read(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            days = int(self.request.GET.get("days", 7))
        except ValueError:
            days = 7
        days = days if days in report.PERIODS else 7
        context.update(
            days=days,
            periods=report.PERIODS,
            frequent=report.frequent_queries(days),
            without_results=report.queries_without_results(days),
        )
        return context
