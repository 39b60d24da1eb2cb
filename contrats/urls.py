from django.urls import path

from . import views, views_communes

app_name = "contrats"
urlpatterns = [
    path("projets/", views.project_list, name="project_list"),
    path("projets/carte/", views.project_map, name="project_map"),
    path("projets/carte/points.geojson", views.project_points, name="project_points"),
    path("projets/<slug:slug>/", views.project_detail, name="project_detail"),
    path("communes/", views_communes.commune_list, name="commune_list"),
    path(
        "communes/<str:insee>/",
        views_communes.commune_detail,
        name="commune_detail",
    ),
    path("carte-des-contrats/", views.zoning_map, name="zoning_map"),
    path(
        "programmes-operationnels/<slug:contract>/<int:year>/",
        views.programme_detail,
        name="programme_detail",
    ),
    path(
        "programmes-operationnels/<slug:contract>/<int:year>/programme.csv",
        views.programme_csv,
        name="programme_csv",
    ),
    path("donnees/projets.csv", views.projects_csv, name="projects_csv"),
    path("donnees/projets.json", views.projects_json, name="projects_json"),
    path("donnees/projets.geojson", views.projects_geojson, name="projects_geojson"),
    path("donnees/financements.csv", views.financing_csv, name="financing_csv"),
    path("donnees/financements.json", views.financing_json, name="financing_json"),
]
