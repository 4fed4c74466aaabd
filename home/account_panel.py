"""The editor chooses, in their account settings, how they hear of what waits for them."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.users.models import UserProfile

from home.editor_preferences import EditorPreference


class EditorAlertsForm(forms.ModelForm):
    class Meta:
        model = EditorPreference
        fields = ["moderation_alerts"]
        widgets = {"moderation_alerts": forms.RadioSelect}

    def save(self, commit=True):
        preference = super().save(commit)
        # Our alerts replace Wagtail's own "submitted for moderation" e-mail, so it never comes twice.
        UserProfile.objects.filter(user=preference.user).update(submitted_notifications=False)
        return preference


class EditorAlertsPanel(BaseSettingsPanel):
    name = "editor_alerts"
    title = _("What waits for me")
    help_text = _("Partners' events waiting for moderation and new contact messages.")
    tab = notifications_tab
    order = 50
    form_class = EditorAlertsForm

    def is_active(self):
        return self.user.has_perm("agenda.publish_event") or self.user.has_perm("home.view_contactsubmission")

    def get_form(self):
        # An unsaved instance until the editor saves: opening the settings writes nothing.
        instance = EditorPreference.objects.filter(user=self.user).first() or EditorPreference(user=self.user)
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=instance, prefix=self.name)
