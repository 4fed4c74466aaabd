"""Lists, details, forms, sharing, export and download of shared objects, written once for every kind.

Every queryset goes through ``visible_to`` or ``editable_by`` (annuaire.access): an object a
user may not see answers 404 on every URL that could reveal it.
"""

import csv
import mimetypes

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Circle, Organisation
from caserurale.forms import form_status
from extranet.forms.shared import DocumentForm, FilterForm, ResourceForm, ShareForm
from extranet.models import Document, Resource
from extranet.views.decorators import partner_required

PER_PAGE = 25


def publishing_organisations(user):
    """The organisations ``user`` may publish for: their own, or all for coordinators."""
    if access.is_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user).distinct()


class SharedViews:
    """The views of one kind of shared object."""

    def __init__(self, model, form_class, name, search_fields, export_fields):
        self.model = model
        self.form_class = form_class
        self.name = name  # URL prefix: resource, document
        self.search_fields = search_fields
        self.export_fields = export_fields
        self.list_view = partner_required(self._list)
        self.export_view = partner_required(self._export)
        self.detail_view = partner_required(self._detail)
        self.create_view = partner_required(self._create)
        self.edit_view = partner_required(self._edit)
        self.share_view = partner_required(self._share)
        self.delete_view = partner_required(require_POST(self._delete))

    def template(self, suffix):
        return [f"extranet/shared/{self.name}_{suffix}.html", f"extranet/shared/object_{suffix}.html"]

    def url(self, suffix, *args):
        return reverse(f"extranet:{self.name}_{suffix}", args=args)

    def queryset(self):
        return self.model.objects.select_related("owner")

    def filtered(self, request):
        form = FilterForm(request.GET or None)
        objects = self.queryset().visible_to(request.user)
        if form.is_valid():
            words = form.cleaned_data["q"]
            if words:
                condition = Q()
                for field in self.search_fields:
                    condition |= Q(**{f"{field}__icontains": words})
                objects = objects.filter(condition)
            if form.cleaned_data["owner"]:
                objects = objects.filter(owner=form.cleaned_data["owner"])
            if form.cleaned_data["visibility"]:
                objects = objects.filter(visibility=form.cleaned_data["visibility"])
        return form, objects

    def _list(self, request):
        form, objects = self.filtered(request)
        page = Paginator(objects, PER_PAGE).get_page(request.GET.get("page"))
        editable = set(
            self.model.objects.filter(pk__in=[obj.pk for obj in page])
            .editable_by(request.user)
            .values_list("pk", flat=True)
        )
        query = request.GET.copy()
        query.pop("page", None)
        return TemplateResponse(
            request,
            self.template("list"),
            {
                "views": self,
                "verbose_name_plural": self.model._meta.verbose_name_plural,
                "filter_form": form,
                "page_obj": page,
                "editable": editable,
                "query": query.urlencode(),
                "can_create": publishing_organisations(request.user).exists(),
            },
        )

    def _export(self, request):
        """The filtered list as CSV: the same visibility filter as the list."""
        _form, objects = self.filtered(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{slugify(self.model._meta.verbose_name_plural)}.csv"'
        response.write("\ufeff")  # spreadsheets open UTF-8 correctly with a byte-order mark
        writer = csv.writer(response, delimiter=";")
        labels = [str(self.model._meta.get_field(field).verbose_name) for field in self.export_fields]
        extra = self.export_columns()
        writer.writerow(
            [*labels, *(str(label) for label, _value in extra), _("Shared by"), _("Visible to"), _("Address")]
        )
        for obj in objects.iterator(chunk_size=500):
            row = [_csv_safe(_display(obj, field)) for field in self.export_fields]
            row += [_csv_safe(value(obj)) for _label, value in extra]
            link = request.build_absolute_uri(obj.get_absolute_url())
            writer.writerow([*row, obj.owner.name, obj.get_visibility_display(), link])
        return response

    def _detail(self, request, pk):
        obj = access.get_visible_or_404(self.queryset(), request, pk=pk)
        return TemplateResponse(
            request,
            self.template("detail"),
            {
                "views": self,
                "object": obj,
                "audience": access.audience(obj),
                "can_edit": access.can_edit(request.user, obj),
                **self.detail_context(request, obj),
            },
        )

    def _create(self, request):
        owners = publishing_organisations(request.user)
        if not owners.exists():
            raise Http404
        form = self.form_class(request.POST or None, request.FILES or None, owners=owners)
        if request.method == "POST" and form.is_valid():
            obj = form.save(commit=False)
            obj.created_by = request.user
            self.before_save(obj)
            # New objects start visible to their organisation only; the owner widens it on purpose.
            access.share(obj, visibility=Visibility.ORGANISATION, actor=request.user)
            form.save_m2m()
            messages.success(request, _("Saved. Only your organisation can see it for now: choose who else can."))
            return redirect(self.url("share", obj.pk))
        return TemplateResponse(
            request, self.template("form"), {"views": self, "form": form, "object": None}, status=form_status(request)
        )

    def _edit(self, request, pk):
        obj = access.get_editable_or_404(self.queryset(), request, pk=pk)
        # The current owner stays selectable, even for a coordinator or a member with a personal right.
        owners = Organisation.objects.filter(
            Q(pk__in=publishing_organisations(request.user).values("pk")) | Q(pk=obj.owner_id)
        )
        form = self.form_class(request.POST or None, request.FILES or None, instance=obj, owners=owners)
        if request.method == "POST" and form.is_valid():
            obj = form.save(commit=False)
            self.before_save(obj)
            self.save_changes(request, form, obj)
            return redirect(obj.get_absolute_url())
        return TemplateResponse(
            request, self.template("form"), {"views": self, "form": form, "object": obj}, status=form_status(request)
        )

    def _share(self, request, pk):
        obj = access.get_editable_or_404(self.queryset(), request, pk=pk)
        circles = Circle.objects.all()
        initial = {"visibility": obj.visibility, "circles": list(obj.circles.all())}
        form = ShareForm(request.POST or None, initial=initial, circles=circles)
        if request.method == "POST" and form.is_valid():
            previous_visibility = obj.visibility
            access.share(
                obj,
                visibility=form.cleaned_data["visibility"],
                circles=form.cleaned_data["circles"],
                actor=request.user,
            )
            self.after_share(request, obj, previous_visibility)
            return redirect(obj.get_absolute_url())
        return TemplateResponse(
            request,
            "extranet/shared/object_share.html",
            {"views": self, "form": form, "object": obj, "audience": access.audience(obj)},
            status=form_status(request),
        )

    def _delete(self, request, pk):
        obj = access.get_editable_or_404(self.queryset(), request, pk=pk)
        obj.delete()
        messages.success(request, _("“%(name)s” is deleted.") % {"name": obj})
        return redirect(self.url("list"))

    def before_save(self, obj):
        pass

    def export_columns(self):
        """Columns computed for the CSV export, after the model's fields: ``[(label, function of the object)]``."""
        return []

    def detail_context(self, request, obj):
        return {}

    def save_changes(self, request, form, obj):
        obj.save()
        form.save_m2m()
        access.sync_object_permissions(obj)  # the owner may have changed
        messages.success(request, _("Your changes are saved."))

    def after_share(self, request, obj, previous_visibility):
        messages.success(request, _("Who can see it is updated."))


class DocumentViews(SharedViews):
    def before_save(self, obj):
        if obj.file:
            obj.size = obj.file.size

    def _download(self, request, pk):
        document = access.get_visible_or_404(self.queryset(), request, pk=pk)
        content_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
        response = FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename, content_type=content_type
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.download_view = partner_required(self._download)


def _display(obj, field):
    """A field as people read it: the label of a choice, not its code."""
    display = getattr(obj, f"get_{field}_display", None)
    return display() if display else getattr(obj, field)


def _csv_safe(value):
    """Spreadsheets run cells starting with = + - @ as formulas: neutralise them."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


resources = SharedViews(
    Resource,
    ResourceForm,
    "resource",
    search_fields=["name", "description", "conditions", "location"],
    export_fields=["name", "kind", "description", "conditions", "location", "capacity"],
)
documents = DocumentViews(
    Document, DocumentForm, "document", search_fields=["title", "description"], export_fields=["title", "description"]
)
