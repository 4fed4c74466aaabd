"""The partners' shared space: invitations, and the first shared objects (resources, documents)."""

import hashlib
import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from annuaire.access import SharedObject
from annuaire.models import Membership, Organisation

# Documents live outside MEDIA_ROOT: no URL serves them but the permission-checked view. Migrations
# written before it moved name it as extranet.models.private_storage, so the name stays here too.
from caserurale.storage import private_storage

INVITATION_LIFETIME = timedelta(days=7)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mailed, single-use, expiring link to join an organisation."""

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    # Only the hash is kept: a leaked database does not leak usable links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @classmethod
    def create(cls, *, email, organisation, role, invited_by):
        """A new invitation and its token; the token itself lives only in the e-mail sent."""
        invitation = cls(
            email=email.strip().lower(),
            organisation=organisation,
            role=role,
            invited_by=invited_by,
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        token = invitation.issue_token()
        return invitation, token

    def issue_token(self):
        """A fresh token for this invitation; any earlier link stops working."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.save()
        return token

    @classmethod
    def find(cls, token):
        return cls.objects.select_related("organisation").filter(token_hash=hash_token(token)).first()

    @property
    def is_usable(self):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class Resource(SharedObject):
    """A room, a piece of equipment, a vehicle or a skill a partner lends to the others."""

    class Kind(models.TextChoices):
        ROOM = "room", _("room")
        EQUIPMENT = "equipment", _("equipment")
        VEHICLE = "vehicle", _("vehicle")
        SKILL = "skill", _("skill")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ROOM)
    description = models.TextField(_("description"), blank=True)
    conditions = models.TextField(
        _("lending conditions"), blank=True, help_text=_("Price or exchange, deposit, who to ask, how far ahead.")
    )
    location = models.CharField(_("where"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("extranet:resource_detail", args=[self.pk])


class ResourceUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Resource, on_delete=models.CASCADE)


class ResourceGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Resource, on_delete=models.CASCADE)


DOCUMENT_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "png", "jpg", "jpeg"]
DOCUMENT_MAX_SIZE = 20 * 1024 * 1024


def document_path(document, filename):
    # A random folder name: a file is never reachable by guessing its address.
    return f"extranet/documents/{secrets.token_hex(16)}/{Path(filename).name}"


class Document(SharedObject):
    """A file shared by an organisation, served only through a permission check."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        storage=private_storage,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("extranet:document_detail", args=[self.pk])

    @property
    def filename(self):
        return Path(self.file.name).name


class DocumentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)


class DocumentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)
