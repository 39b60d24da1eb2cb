"""Mon compte; allauth's own pages (connexion, mot de passe…) share the compte/ prefix."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profil/", views.profile, name="profile"),
    path("notifications/", views.notification_preferences, name="notifications"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_data_download, name="my_data_download"),
    path("supprimer/", views.delete_account, name="delete"),
    # allauth's confirmation address and name, served by our view (declared first).
    path(
        "confirm-email/<str:key>/",
        views.confirm_email,
        name="confirm_email",
    ),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
