from django.urls import path

from extranet.views import (
    accounts,
    audit,
    calendars,
    dashboard,
    events,
    funding_calls,
    organisations,
    services,
    shared,
)

app_name = "extranet"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # Accounts
    path("connexion/", accounts.LoginView.as_view(), name="login"),
    path("deconnexion/", accounts.logout_view, name="logout"),
    path("mot-de-passe/oublie/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/oublie/envoye/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/nouveau/termine/", accounts.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("compte/", accounts.profile, name="profile"),
    path("compte/mot-de-passe/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("compte/adresse/", accounts.email_change, name="email_change"),
    path("compte/adresse/<str:token>/", accounts.email_change_confirm, name="email_change_confirm"),
    path("compte/desactiver/", accounts.deactivate, name="deactivate"),
    path("compte/securite/", accounts.otp_setup, name="otp_setup"),
    path("compte/securite/verifier/", accounts.otp_verify, name="otp_verify"),
    path("compte/securite/retirer/", accounts.otp_remove, name="otp_remove"),
    path("invitation/<str:token>/", organisations.invitation_accept, name="invitation_accept"),
    # Organisations, people, circles
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/inviter/", organisations.invite, name="invite"),
    path(
        "organisations/<slug:slug>/membres/<int:membership_id>/",
        organisations.membership_edit,
        name="membership_edit",
    ),
    path("organisations/<slug:slug>/quitter/", organisations.leave, name="leave"),
    # What each organisation offers residents, shown in the public directory
    path("services/", services.service_list, name="service_list"),
    path("services/nouveau/", services.service_create, name="service_create"),
    path("services/<int:pk>/modifier/", services.service_edit, name="service_edit"),
    path("services/<int:pk>/supprimer/", services.service_delete, name="service_delete"),
    path("membres/", organisations.member_list, name="member_list"),
    path("cercles/", organisations.circle_list, name="circle_list"),
    path("cercles/<slug:slug>/", organisations.circle_detail, name="circle_detail"),
    # Shared objects
    path("ressources/", shared.resources.list_view, name="resource_list"),
    path("ressources/export.csv", shared.resources.export_view, name="resource_export"),
    path("ressources/nouvelle/", shared.resources.create_view, name="resource_create"),
    path("ressources/<int:pk>/", shared.resources.detail_view, name="resource_detail"),
    path("ressources/<int:pk>/modifier/", shared.resources.edit_view, name="resource_edit"),
    path("ressources/<int:pk>/partage/", shared.resources.share_view, name="resource_share"),
    path("ressources/<int:pk>/supprimer/", shared.resources.delete_view, name="resource_delete"),
    path("agenda/", events.events.list_view, name="event_list"),
    path("agenda/export.csv", events.events.export_view, name="event_export"),
    path("agenda/mois/", events.events.this_month_view, name="event_this_month"),
    path("agenda/mois/<int:year>/<int:month>/", events.events.month_view, name="event_month"),
    path("agenda/nouveau/", events.events.create_view, name="event_create"),
    path("agenda/<int:pk>/", events.events.detail_view, name="event_detail"),
    path("agenda/<int:pk>/modifier/", events.events.edit_view, name="event_edit"),
    path("agenda/<int:pk>/partage/", events.events.share_view, name="event_share"),
    path("agenda/<int:pk>/supprimer/", events.events.delete_view, name="event_delete"),
    path("documents/", shared.documents.list_view, name="document_list"),
    path("documents/export.csv", shared.documents.export_view, name="document_export"),
    path("documents/nouveau/", shared.documents.create_view, name="document_create"),
    path("documents/<int:pk>/", shared.documents.detail_view, name="document_detail"),
    path("documents/<int:pk>/modifier/", shared.documents.edit_view, name="document_edit"),
    path("documents/<int:pk>/partage/", shared.documents.share_view, name="document_share"),
    path("documents/<int:pk>/supprimer/", shared.documents.delete_view, name="document_delete"),
    path("documents/<int:pk>/telecharger/", shared.documents.download_view, name="document_download"),
    path("appels/", funding_calls.funding_calls.list_view, name="funding_call_list"),
    path("appels/export.csv", funding_calls.funding_calls.export_view, name="funding_call_export"),
    path("appels/echeances/", funding_calls.funding_calls.this_month_view, name="funding_call_this_month"),
    path(
        "appels/echeances/<int:year>/<int:month>/",
        funding_calls.funding_calls.month_view,
        name="funding_call_month",
    ),
    path("appels/nouveau/", funding_calls.funding_calls.create_view, name="funding_call_create"),
    path("appels/<int:pk>/", funding_calls.funding_calls.detail_view, name="funding_call_detail"),
    path("appels/<int:pk>/modifier/", funding_calls.funding_calls.edit_view, name="funding_call_edit"),
    path("appels/<int:pk>/partage/", funding_calls.funding_calls.share_view, name="funding_call_share"),
    path("appels/<int:pk>/supprimer/", funding_calls.funding_calls.delete_view, name="funding_call_delete"),
    path(
        "appels/<int:pk>/edition-suivante/",
        funding_calls.funding_calls.duplicate_view,
        name="funding_call_duplicate",
    ),
    path("appels/<int:pk>/interet/", funding_calls.funding_calls.interest_view, name="funding_call_interest"),
    path(
        "appels/<int:pk>/documents/<int:attachment_id>/",
        funding_calls.funding_calls.attachment_view,
        name="funding_call_attachment",
    ),
    # Partners' calendars imported into the agenda
    path("agendas-importes/", calendars.calendar_source_list, name="calendar_source_list"),
    path("agendas-importes/nouveau/", calendars.calendar_source_create, name="calendar_source_create"),
    path("agendas-importes/<int:pk>/importer/", calendars.calendar_source_fetch, name="calendar_source_fetch"),
    path("agendas-importes/<int:pk>/pause/", calendars.calendar_source_pause, name="calendar_source_pause"),
    path("agendas-importes/<int:pk>/supprimer/", calendars.calendar_source_delete, name="calendar_source_delete"),
    path("journal/", audit.access_log, name="access_log"),
]

# Funding calls: saved searches and their e-mails, the personal calendar of deadlines. The unsubscribe
# page and the calendar feed open without signing in (their token is the secret). Imported here, at the end,
# to keep this block apart from the list of calls' own URLs.
from extranet.views import funding_alerts  # noqa: E402

urlpatterns += [
    path("appels/alertes/", funding_alerts.funding_alert_list, name="funding_alert_list"),
    path("appels/alertes/nouvelle/", funding_alerts.funding_alert_create, name="funding_alert_create"),
    path("appels/alertes/<int:pk>/supprimer/", funding_alerts.funding_alert_delete, name="funding_alert_delete"),
    path(
        "appels/alertes/desabonnement/<str:token>/",
        funding_alerts.funding_alert_unsubscribe,
        name="funding_alert_unsubscribe",
    ),
    path("appels/calendrier/", funding_alerts.funding_calendar, name="funding_calendar"),
    path("appels/calendrier/renouveler/", funding_alerts.funding_calendar_renew, name="funding_calendar_renew"),
    path("appels/calendrier/<str:token>.ics", funding_alerts.funding_calendar_feed, name="funding_calendar_feed"),
]
