"""Forms of the partner's own account: signing in, passwords, e-mail address, profile, second factor.

Every form that asks for the current password checks it through ``authenticate``: django-axes
counts the wrong ones there, so a stolen session cannot be used to guess the password either.
"""

import re

import django_otp
from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import forms as auth_forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from annuaire.models import MemberProfile
from caserurale.forms import AccessibleFormMixin
from extranet.account_emails import absolute_url, queue_account_email

User = get_user_model()

# A user name holds the e-mail address: it cannot be longer than the user name column.
EMAIL_MAX_LENGTH = User._meta.get_field("username").max_length


class AccountFormMixin(AccessibleFormMixin):
    """AccessibleFormMixin, plus help texts tied to their field before the form is sent,
    and groups of radio buttons described through their own ids (they have no single label)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        for name, field in self.fields.items():
            bound = self[name]
            field_id = bound.id_for_label or bound.auto_id
            described_by = []
            if field.help_text:
                described_by.append(f"{field_id}-help")
            if self.is_bound and bound.errors:
                described_by.append(f"{field_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                field.widget.attrs.pop("aria-describedby", None)


def email_field(label, **attrs):
    return forms.EmailField(
        label=label,
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "autocapitalize": "none", "spellcheck": "false", **attrs}
        ),
    )


def current_password_field(label=None, **attrs):
    return forms.CharField(
        label=label or _("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", **attrs}),
    )


def password_matches(request, password):
    """Whether ``password`` is the signed-in person's; a wrong one counts as a failed login."""
    user = request.user
    if not password or not user.is_authenticated:
        return False
    checked = authenticate(request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk


class CurrentPasswordMixin:
    """A ``password`` field that must be the signed-in person's current password."""

    password_error = _("This is not your current password.")

    @sensitive_variables("password")
    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_matches(self.request, password):
            raise forms.ValidationError(self.password_error, code="password_incorrect")
        return password


# Signing in and passwords -------------------------------------------------------------------------


class LoginForm(AccountFormMixin, auth_forms.AuthenticationForm):
    """Sign in with the e-mail address: it is the user name, in lower case."""

    username = email_field(_("E-mail address"), autofocus=True)
    password = current_password_field(_("Password"))

    error_messages = {
        # One message whatever went wrong: nobody learns whether an address has an account.
        "invalid_login": _("The e-mail address or the password is not right. Check them and try again."),
        "inactive": _("The e-mail address or the password is not right. Check them and try again."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(AccountFormMixin, auth_forms.PasswordResetForm):
    email = email_field(_("E-mail address"), autofocus=True)

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        """Queue the e-mail instead of sending it here: the answer takes the same time
        whether the address has an account or not."""
        path = reverse("extranet:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        queue_account_email("password_reset", to_email, name=context["user"].get_short_name(), link=absolute_url(path))


class SetPasswordForm(AccountFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(AccountFormMixin, auth_forms.PasswordChangeForm):
    old_password = current_password_field(autofocus=True)

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    @sensitive_variables("old_password")
    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_matches(self.request, old_password):
            raise forms.ValidationError(CurrentPasswordMixin.password_error, code="password_incorrect")
        return old_password


# The account ---------------------------------------------------------------------------------------


class ProfileForm(AccountFormMixin, forms.ModelForm):
    """The name (on the user) and what the partner chooses to show (on the member profile)."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    class Meta:
        model = MemberProfile
        fields = ["job_title", "phone", "show_email", "show_phone", "notification_frequency"]
        widgets = {
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "notification_frequency": forms.RadioSelect,
        }
        help_texts = {
            "job_title": _("For example: project officer, treasurer, farmer."),
            "notification_frequency": _("How we tell you about what partners share with you."),
        }

    field_order = ["first_name", "last_name", "job_title", "phone", "show_email", "show_phone"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {}).update({"first_name": user.first_name, "last_name": user.last_name})
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        self.user.first_name = self.cleaned_data["first_name"].strip()
        self.user.last_name = self.cleaned_data["last_name"].strip()
        profile = super().save(commit=False)
        profile.user = self.user
        if commit:
            self.user.save(update_fields=["first_name", "last_name"])
            profile.save()
        return profile


class EmailChangeForm(CurrentPasswordMixin, AccountFormMixin, forms.Form):
    new_email = email_field(_("New e-mail address"), autofocus=True)
    password = current_password_field()

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        email = self.cleaned_data["new_email"].strip().lower()
        if email == self.request.user.email.lower():
            raise forms.ValidationError(_("This is already your e-mail address."), code="same_email")
        return email


class DeactivateForm(CurrentPasswordMixin, AccountFormMixin, forms.Form):
    password = current_password_field()

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)


# Second factor -------------------------------------------------------------------------------------


class OTPCodeForm(AccountFormMixin, forms.Form):
    """The 6-digit code of an authenticator app, checked against one device."""

    code = forms.CharField(
        label=_("6-digit code"),
        help_text=_("The code your authenticator app shows now. It changes every 30 seconds."),
        max_length=12,  # room for the spaces some people type
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, device, **kwargs):
        self.device = device
        self.verified_device = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Type the 6 digits your app shows, without letters."), code="format")
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a few seconds, then type the code your app shows."),
                code="throttled",
            )
        self.verified_device = django_otp.verify_token(self.device.user, self.device.persistent_id, code)
        if self.verified_device is None:
            raise forms.ValidationError(
                _("This code is not right, or no longer valid. Type the code your app shows now."), code="invalid"
            )
        return code


class OTPRemoveForm(CurrentPasswordMixin, AccountFormMixin, forms.Form):
    password = current_password_field()

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
