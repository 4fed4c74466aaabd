"""Coordinators manage organisations and circles in the Wagtail admin; partners never need it."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from annuaire.models import Audience, Circle, Organisation, OrganisationDescription, Place, Service, Theme


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "public_profile"]
    list_filter = ["kind", "public_profile"]
    search_fields = ["name", "description"]
    form_fields = ["name", "slug", "kind", "description", "website", "email", "phone", "address", "public_profile"]


class CircleViewSet(ModelViewSet):
    model = Circle
    icon = "site"
    list_display = ["name"]
    form_fields = ["name", "slug", "description", "organisations"]


class PlaceViewSet(ModelViewSet):
    model = Place
    icon = "home"
    list_display = ["name", "organisation", "step_free_access"]
    list_filter = ["step_free_access"]
    search_fields = ["name", "address"]
    form_fields = [
        "name",
        "slug",
        "organisation",
        "description",
        "address",
        "latitude",
        "longitude",
        "step_free_access",
        "accessibility",
        "opening_hours",
        "image",
    ]


class DirectoryGroup(ViewSetGroup):
    menu_label = _("Partners")
    menu_icon = "group"
    menu_order = 250
    items = [OrganisationViewSet("organisations"), CircleViewSet("circles"), PlaceViewSet("places")]


@hooks.register("register_admin_viewset")
def register_directory():
    return DirectoryGroup()


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "user"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Themes and audiences")
    menu_icon = "tag"
    menu_order = 260
    items = (ThemeViewSet, AudienceViewSet)


register_snippet(VocabularyGroup)


class ServiceViewSet(SnippetViewSet):
    """Editors see and translate every organisation's services; the Creole copy comes from wagtail-localize."""

    model = Service
    icon = "help"
    list_display = ["name", "organisation", "kind", "reach"]
    list_filter = ["kind", "reach", "organisation"]
    search_fields = ["name", "summary"]


class OrganisationDescriptionViewSet(SnippetViewSet):
    model = OrganisationDescription
    icon = "doc-full"
    list_display = ["organisation", "text"]
    search_fields = ["text"]


class ServicesGroup(SnippetViewSetGroup):
    menu_label = _("Who does what")
    menu_icon = "help"
    menu_order = 255
    items = (ServiceViewSet, OrganisationDescriptionViewSet)


register_snippet(ServicesGroup)
