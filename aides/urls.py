from django.urls import path

from . import views

app_name = "aides"

urlpatterns = [
    path("catalogue.csv", views.catalogue_csv, name="catalogue_csv"),
    path("catalogue.json", views.catalogue_json, name="catalogue_json"),
]
