"""Who does what: organisations, their services and places, the people who belong to them, and circles."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class NamedModel(models.Model):
    """A unique name, and the slug made from it that appears in addresses."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class Label(TranslatableMixin, models.Model):
    """A word of a shared vocabulary, translated like any snippet; its slug is the same in every language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name in addresses"), max_length=100)

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)

    @classmethod
    def names(cls, locale):
        """``{slug: name}`` in ``locale``, the original name where no translation exists yet."""
        names = {}
        for label in cls.objects.filter(
            models.Q(locale=locale) | models.Q(locale__language_code=settings.LANGUAGE_CODE)
        ):
            if label.locale_id == locale.pk or label.slug not in names:
                names[label.slug] = label.name
        return names


class Theme(Label):
    """What an organisation, an event or a funding call is about: agriculture, digital, culture…"""

    class Meta(Label.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="theme_slug_per_locale")]


class Audience(Label):
    """Who something is for: families, young people, seniors, farmers, associations…"""

    class Meta(Label.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="audience_slug_per_locale")]


class Organisation(NamedModel):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        PUBLIC_BODY = "public_body", _("public body")
        COMPANY = "company", _("company")
        FARM = "farm", _("farm")
        COOPERATIVE = "cooperative", _("cooperative")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    description = models.TextField(_("what we do"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    public_profile = models.BooleanField(
        _("public profile"), default=False, help_text=_("Show this organisation in the public directory.")
    )
    # Groups mirror memberships: object permissions are granted to them, never to a list of people.
    members_group = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    admins_group = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.members_group_id is None or self.admins_group_id is None:
            self.members_group = Group.objects.get_or_create(name=f"org:{self.pk}:members")[0]
            self.admins_group = Group.objects.get_or_create(name=f"org:{self.pk}:admins")[0]
            super().save(update_fields=["members_group", "admins_group"])

    def get_absolute_url(self):
        return reverse("extranet:organisation_detail", args=[self.slug])


class PlaceQuerySet(models.QuerySet):
    def public(self):
        """Places a resident may be shown: the network's own, or run by an organisation with a public profile."""
        return self.filter(models.Q(organisation__isnull=True) | models.Q(organisation__public_profile=True))

    def on_the_map(self):
        return self.public().filter(latitude__isnull=False, longitude__isnull=False)


class Place(NamedModel):
    """One of the network's places: L'Alambic, the social grocery, Pôle LENA, the Case Rurale…"""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="places", verbose_name=_("run by")
    )
    description = models.TextField(_("description"), blank=True)
    address = models.TextField(_("address"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Access, parking, toilets, hearing loop: what a visitor needs to know."),
    )
    opening_hours = models.TextField(_("opening hours"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_in_range",
            ),
        ]

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None


class OrganisationDescription(TranslatableMixin, models.Model):
    """What an organisation does, in words translated with wagtail-localize (the Creole directory is in Creole).

    The organisation itself is not translated (its name, contacts and rights are the same in every
    language): only this text is, and it follows its French original's organisation.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="descriptions", verbose_name=_("organisation")
    )
    text = models.TextField(_("what we do"))

    translatable_fields = [TranslatableField("text"), SynchronizedField("organisation")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation description")
        verbose_name_plural = _("organisation descriptions")
        constraints = [models.UniqueConstraint(fields=["organisation", "locale"], name="one_description_per_language")]

    def __str__(self):
        return str(self.organisation)


class ServiceQuerySet(models.QuerySet):
    def public(self):
        """What residents may see: services of organisations with a public profile, nothing else."""
        return self.filter(organisation__public_profile=True)

    def in_locale(self, locale):
        """Each service once, in ``locale``'s words, or in its original language where not translated yet."""
        translated = Service.objects.filter(translation_key=models.OuterRef("translation_key"), locale=locale)
        original = models.Q(locale__language_code=settings.LANGUAGE_CODE) & ~models.Exists(translated)
        return self.filter(models.Q(locale=locale) | original)


class Service(TranslatableMixin, models.Model):
    """What an organisation offers a resident: a welcome desk, food aid, a training course, digital help…

    Translated like an event: only the words are; the organisation, the kind and how to reach it
    follow the French original, and so do its themes, audiences and places (annuaire.signals).
    """

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("welcome and orientation")
        SUPPORT = "support", _("support")
        TRAINING = "training", _("training")
        FUNDING = "funding", _("funding")
        EQUIPMENT = "equipment", _("equipment loan")
        HOSTING = "hosting", _("business hosting")
        FOOD = "food", _("food aid")
        DIGITAL = "digital", _("digital help")

    class Reach(models.TextChoices):
        WALK_IN = "walk_in", _("walk in, no appointment")
        APPOINTMENT = "appointment", _("by appointment")
        CONTACT = "contact", _("get in touch first")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of offer"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    audiences = models.ManyToManyField(Audience, blank=True, related_name="services", verbose_name=_("for whom"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="services", verbose_name=_("themes"))
    places = models.ManyToManyField(Place, blank=True, related_name="services", verbose_name=_("places"))
    when = models.CharField(_("when"), max_length=200, blank=True)
    reach = models.CharField(_("how to reach it"), max_length=20, choices=Reach.choices, default=Reach.CONTACT)
    contact = models.CharField(
        _("contact"), max_length=300, blank=True, help_text=_("Telephone, e-mail or who to ask for.")
    )
    cost = models.CharField(_("cost"), max_length=200, blank=True, help_text=_("Leave empty if it is free."))

    objects = ServiceQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("summary"),
        TranslatableField("when"),
        TranslatableField("contact"),
        TranslatableField("cost"),
        SynchronizedField("organisation"),
        SynchronizedField("kind"),
        SynchronizedField("reach"),
    ]

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("audiences"),
        FieldPanel("themes"),
        FieldPanel("places"),
        FieldPanel("when"),
        FieldPanel("reach"),
        FieldPanel("contact"),
        FieldPanel("cost"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["organisation", "locale"], name="service_organisation_locale")]

    def __str__(self):
        return self.name

    @property
    def is_walk_in(self):
        return self.reach == self.Reach.WALK_IN


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("organisation admin")
        MEMBER = "member", _("member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation")]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN


class Circle(NamedModel):
    """A named group of organisations objects can be shared with (the cooperation committee…)."""

    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="circles", blank=True, verbose_name=_("organisations")
    )
    group = models.OneToOneField(Group, null=True, editable=False, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        ordering = ["name"]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.group_id is None:
            self.group = Group.objects.get_or_create(name=f"circle:{self.pk}")[0]
            super().save(update_fields=["group"])


class MemberProfile(models.Model):
    """What a partner chooses to show, and how they want to be told of news."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("as soon as something happens")
        DAILY = "daily", _("a daily digest")
        WEEKLY = "weekly", _("a weekly digest")
        NONE = "none", _("no e-mail")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    job_title = models.CharField(_("role in the organisation"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    show_email = models.BooleanField(_("show my e-mail address to partners"), default=True)
    show_phone = models.BooleanField(_("show my telephone number to partners"), default=False)
    notification_frequency = models.CharField(
        _("e-mail notifications"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    # The language of the e-mails sent to this partner; empty until known (French is used then).
    language = models.CharField(_("language of e-mails"), max_length=10, choices=settings.LANGUAGES, blank=True)
    previous_visit = models.DateTimeField(_("previous visit"), null=True, blank=True)
    last_visit = models.DateTimeField(_("last visit"), null=True, blank=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return str(self.user)


class AccessLogEntry(models.Model):
    """Every change of who can see or edit what, for coordinators to read."""

    class Action(models.TextChoices):
        VISIBILITY = "visibility", _("visibility changed")
        GRANT_EDIT = "grant_edit", _("edit right granted")
        REVOKE_EDIT = "revoke_edit", _("edit right withdrawn")
        MEMBER_ADDED = "member_added", _("member added")
        MEMBER_REMOVED = "member_removed", _("member removed")
        ROLE_CHANGED = "role_changed", _("role changed")
        CIRCLE_CHANGED = "circle_changed", _("circle changed")
        INVITATION_SENT = "invitation_sent", _("invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("invitation accepted")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("account deactivated")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    object_type = models.CharField(_("kind of object"), max_length=100)
    object_id = models.CharField(_("object"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"
