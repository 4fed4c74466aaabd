"""The visibility model, implemented once for every shared object (DESIGN.md, "Visibility").

An object belongs to an owner organisation and has one visibility level:
public, partners, circle (the circles it is shared with) or organisation.
Coordinators see and moderate everything.

Rights are stored as django-guardian object permissions in direct foreign-key
tables (one pair per shared model), granted to groups that mirror memberships:
``partners`` (every member of a partner organisation), ``org:<id>:members``,
``org:<id>:admins`` and ``circle:<id>``. Lists, details, feeds, search, exports
and APIs all filter through :meth:`SharedQuerySet.visible_to`.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from annuaire.organisations import AccessLogEntry, Circle, Membership

security_log = logging.getLogger("caserurale.security")

COORDINATORS_GROUP = "coordinators"
PARTNERS_GROUP = "partners"
MANAGED_GROUP_PREFIXES = ("org:", "circle:")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("everyone (public)")
    PARTNERS = "partners", _("all partners")
    CIRCLE = "circle", _("chosen circles")
    ORGANISATION = "organisation", _("my organisation only")


# People -----------------------------------------------------------------------


def is_coordinator(user):
    """The Case Rurale team: sees and moderates everything."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not hasattr(user, "_is_coordinator"):
        user._is_coordinator = user.is_superuser or user.groups.filter(name=COORDINATORS_GROUP).exists()
    return user._is_coordinator


def is_partner(user):
    """A member of at least one partner organisation (or a coordinator)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not hasattr(user, "_is_partner"):
        user._is_partner = is_coordinator(user) or user.memberships.exists()
    return user._is_partner


def sync_user_groups(user):
    """Put ``user`` in exactly the groups their memberships call for (run after any change)."""
    memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
    wanted = set()
    if memberships and user.is_active:
        wanted.add(Group.objects.get_or_create(name=PARTNERS_GROUP)[0].pk)
        for membership in memberships:
            wanted.add(membership.organisation.members_group_id)
            if membership.is_admin:
                wanted.add(membership.organisation.admins_group_id)
        organisation_ids = [membership.organisation_id for membership in memberships]
        wanted.update(
            Circle.objects.filter(organisations__in=organisation_ids, group__isnull=False).values_list(
                "group_id", flat=True
            )
        )
    managed = Q(name=PARTNERS_GROUP)
    for prefix in MANAGED_GROUP_PREFIXES:
        managed |= Q(name__startswith=prefix)
    current = set(user.groups.filter(managed).values_list("pk", flat=True))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))
    for cached in ("_is_partner", "_is_coordinator"):
        user.__dict__.pop(cached, None)


# Objects ----------------------------------------------------------------------


def view_permission(model):
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def change_permission(model):
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


class SharedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What ``user`` may see: public objects, and those their groups were granted."""
        if is_coordinator(user):
            return self
        public = Q(visibility=Visibility.PUBLIC)
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.filter(public)
        granted = get_objects_for_user(
            user, view_permission(self.model), klass=self.model, accept_global_perms=False, with_superuser=False
        )
        return self.filter(public | Q(pk__in=granted.values("pk")))

    def editable_by(self, user):
        if is_coordinator(user):
            return self
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        granted = get_objects_for_user(
            user, change_permission(self.model), klass=self.model, accept_global_perms=False, with_superuser=False
        )
        return self.filter(pk__in=granted.values("pk"))

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)


class SharedObject(models.Model):
    """Base of every object a partner shares (resource, document, event, funding call…).

    A concrete subclass declares its two guardian tables, e.g.::

        class ResourceUserObjectPermission(UserObjectPermissionBase):
            content_object = models.ForeignKey(Resource, on_delete=models.CASCADE)
    """

    owner = models.ForeignKey(
        "annuaire.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("shared by")
    )
    visibility = models.CharField(
        _("who can see it"), max_length=20, choices=Visibility.choices, default=Visibility.ORGANISATION
    )
    circles = models.ManyToManyField(
        "annuaire.Circle", blank=True, related_name="+", verbose_name=_("circles it is shared with")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SharedQuerySet.as_manager()

    class Meta:
        abstract = True


def viewer_groups(obj):
    """The groups granted the view right, from the object's visibility and circles."""
    owner = obj.owner
    groups = [owner.members_group]  # the owner always sees its own objects
    if obj.visibility in (Visibility.PUBLIC, Visibility.PARTNERS):
        groups.append(Group.objects.get_or_create(name=PARTNERS_GROUP)[0])
    elif obj.visibility == Visibility.CIRCLE:
        groups.extend(circle.group for circle in obj.circles.select_related("group"))
    return [group for group in groups if group is not None]


@transaction.atomic
def sync_object_permissions(obj):
    """Rewrite the group rights of ``obj`` from its visibility; personal edit rights stay.

    A translated object (an event in Creole) is one object to its readers: every translation gets
    the rights of the shared row, so a partner never meets a translation they may not see.
    """
    model = type(obj)
    view, change = view_permission(model), change_permission(model)
    targets = [obj]
    if getattr(obj, "translation_key", None):
        targets = list(model.objects.filter(translation_key=obj.translation_key))
    get_group_obj_perms_model(obj).objects.filter(content_object__in=targets).delete()
    groups = viewer_groups(obj)
    for target in targets:
        for group in groups:
            assign_perm(view, group, target)
        if obj.owner.admins_group:
            assign_perm(view, obj.owner.admins_group, target)
            assign_perm(change, obj.owner.admins_group, target)


def bulk_sync_object_permissions(objects):
    """:func:`sync_object_permissions` for many new objects of one model, in a few queries (imports, benchmarks)."""
    objects = list(objects)
    if not objects:
        return
    model = type(objects[0])
    permission_model = get_group_obj_perms_model(objects[0])
    meta = model._meta
    view = Permission.objects.get(content_type__app_label=meta.app_label, codename=f"view_{meta.model_name}")
    change = Permission.objects.get(content_type__app_label=meta.app_label, codename=f"change_{meta.model_name}")
    rows = []
    for obj in objects:
        for group in viewer_groups(obj):
            rows.append(permission_model(content_object=obj, group=group, permission=view))
        if obj.owner.admins_group:
            rows.append(permission_model(content_object=obj, group=obj.owner.admins_group, permission=view))
            rows.append(permission_model(content_object=obj, group=obj.owner.admins_group, permission=change))
    permission_model.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


@transaction.atomic
def share(obj, *, visibility, circles=(), actor=None):
    """Change who can see ``obj``, and write it to the access log."""
    before = {"visibility": obj.visibility, "circles": sorted(c.name for c in obj.circles.all()) if obj.pk else []}
    obj.visibility = visibility
    obj.save()
    obj.circles.set(circles if visibility == Visibility.CIRCLE else [])
    sync_object_permissions(obj)
    after = {"visibility": visibility, "circles": sorted(c.name for c in obj.circles.all())}
    if before != after:
        log_access(AccessLogEntry.Action.VISIBILITY, obj, actor, before=before, after=after)


@transaction.atomic
def set_personal_edit_right(obj, user, allowed, actor):
    """Let one member of the owner organisation edit ``obj`` (or withdraw it)."""
    permission = change_permission(type(obj))
    if allowed:
        assign_perm(permission, user, obj)
        log_access(AccessLogEntry.Action.GRANT_EDIT, obj, actor, user=user.get_username())
    else:
        remove_perm(permission, user, obj)
        log_access(AccessLogEntry.Action.REVOKE_EDIT, obj, actor, user=user.get_username())


def log_access(action, obj, actor=None, **details):
    return AccessLogEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.verbose_name,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        details=details,
    )


def can_view(user, obj):
    return type(obj).objects.filter(pk=obj.pk).visible_to(user).exists()


def can_edit(user, obj):
    return type(obj).objects.filter(pk=obj.pk).editable_by(user).exists()


def get_visible_or_404(queryset, request, **lookup):
    """The object if ``request.user`` may see it. Otherwise 404, never 403: nothing is revealed."""
    try:
        return queryset.visible_to(request.user).get(**lookup)
    except queryset.model.DoesNotExist:
        log_refusal(request, queryset.model, lookup)
        raise Http404 from None


def get_editable_or_404(queryset, request, **lookup):
    try:
        return queryset.editable_by(request.user).get(**lookup)
    except queryset.model.DoesNotExist:
        log_refusal(request, queryset.model, lookup)
        raise Http404 from None


def log_refusal(request, model, lookup):
    security_log.warning(
        "access refused: user=%s path=%s model=%s lookup=%s",
        getattr(request.user, "pk", None),
        request.path,
        model._meta.label,
        lookup,
    )


def audience(obj):
    """Who can see and who can edit ``obj``, for the sentence shown on its page."""
    owner = obj.owner
    return {
        "visibility": obj.visibility,
        "visibility_label": Visibility(obj.visibility).label,
        "owner": owner,
        "circles": list(obj.circles.all()) if obj.visibility == Visibility.CIRCLE else [],
        "editors": list(
            get_user_obj_perms_model(obj)
            .objects.filter(content_object=obj, permission__codename=f"change_{obj._meta.model_name}")
            .select_related("user")
            .values_list("user__first_name", "user__last_name", "user__email")
        ),
    }
