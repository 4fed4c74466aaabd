"""The editors' guide, one page of the admin reached from its help menu (in French: the team writes in French)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "home/admin/editors_guide.html"
    page_title = _("Editors' guide")
    header_icon = "help"
    _show_breadcrumbs = True

    def get_breadcrumbs_items(self):
        # Wagtail's header names the last crumb: without this one it read "Home".
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]
