from django.urls import path

from .views import communes, opendata, programmes, projects

app_name = "contrats"
urlpatterns = [
    path("projets/", projects.project_list, name="project_list"),
    path("projets/carte/", projects.project_map, name="project_map"),
    path(
        "projets/carte/points.geojson", projects.project_points, name="project_points"
    ),
    path("projets/<slug:slug>/", projects.project_detail, name="project_detail"),
    path("communes/", communes.commune_list, name="commune_list"),
    path(
        "communes/<str:insee>/",
        communes.commune_detail,
        name="commune_detail",
    ),
    path("carte-des-contrats/", programmes.zoning_map, name="zoning_map"),
    path(
        "programmes-operationnels/<slug:contract>/<int:year>/",
        programmes.programme_detail,
        name="programme_detail",
    ),
    path(
        "programmes-operationnels/<slug:contract>/<int:year>/programme.csv",
        programmes.programme_csv,
        name="programme_csv",
    ),
    path("donnees/projets.csv", opendata.projects_csv, name="projects_csv"),
    path("donnees/projets.json", opendata.projects_json, name="projects_json"),
    path("donnees/projets.geojson", opendata.projects_geojson, name="projects_geojson"),
    path("donnees/financements.csv", opendata.financing_csv, name="financing_csv"),
    path("donnees/financements.json", opendata.financing_json, name="financing_json"),
]
