from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.panels.views import (
    organiser,
    public,
    recommendations,
    recruitment,
    registration,
    sessions,
)

app_name = "panels"

PUBLIC = "dispositifs/<slug:slug>/panel/<id:panel_id>/"
ORGANISER = "espace/dispositifs/<id:pk>/panels/"
PANEL = ORGANISER + "<id:panel_id>/"

urlpatterns = [
    # Public pages (stable French addresses)
    path(PUBLIC, public.public, name="public"),
    path(PUBLIC + "loterie.json", public.panel_lottery, name="panel_lottery"),
    path(PUBLIC + "tirages/<id:draw_id>/loterie.json", public.lottery, name="lottery"),
    path(PUBLIC + "inscription/", registration.register, name="register"),
    path(PUBLIC + "inscription/merci/", registration.registered, name="registered"),
    path(PUBLIC + "inscription/<str:code>/", registration.register, name="register_code"),
    # Organisers
    path(ORGANISER, organiser.panel_list, name="list"),
    path(ORGANISER + "nouveau/", organiser.create, name="create"),
    path(PANEL, organiser.detail, name="detail"),
    path(PANEL + "vivier/", organiser.import_pool, name="import_pool"),
    path(PANEL + "quotas/", organiser.quotas, name="quotas"),
    path(PANEL + "calcul/", organiser.compute, name="compute"),
    path(PANEL + "loterie/", organiser.publish_lottery, name="publish_lottery"),
    path(PANEL + "codes.csv", organiser.export_codes, name="export_codes"),
    path(PANEL + "graine/", organiser.seed, name="seed"),
    path(PANEL + "tirage/", organiser.draw, name="draw"),
    path(PANEL + "membres/<id:member_id>/desistement/", organiser.decline, name="decline"),
    path(
        PANEL + "remplacement/loterie/",
        organiser.publish_replacement_lottery,
        name="publish_replacement_lottery",
    ),
    path(PANEL + "remplacement/", organiser.replace, name="replace"),
    path(PANEL + "publication/", organiser.publish, name="publish"),
    path(PANEL + "recrutement/", recruitment.recruitment_page, name="recruitment"),
    path(PANEL + "categories/", recruitment.categories, name="categories"),
    path(
        PANEL + "recrutement/lots/<id:batch_id>/invitations.csv",
        recruitment.export_invitations,
        name="export_invitations",
    ),
    path(PANEL + "membres/", sessions.members, name="members"),
    path(PANEL + "seances/", sessions.session_list, name="sessions"),
    path(PANEL + "seances/<id:session_id>/", sessions.attendance, name="attendance"),
    path(
        PANEL + "recommandations/",
        recommendations.recommendation_list,
        name="recommendations",
    ),
    path(
        PANEL + "recommandations/<id:recommendation_id>/reponse/",
        recommendations.answer,
        name="answer_recommendation",
    ),
]
