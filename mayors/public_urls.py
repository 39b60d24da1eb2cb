"""The démarches' public pages, outside the intranet (``/espace-elus/`` is private)."""

from django.urls import path

from .views import public

app_name = "demarches"
urlpatterns = [
    path("", public.demarche_list, name="index"),
    path("<int:pk>/", public.demarche_detail, name="detail"),
]
