from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.evaluation.views import figures, public, workspace

app_name = "evaluation"

WORKSPACE = "espace/dispositifs/<id:pk>/evaluation/"

urlpatterns = [
    path("chiffres/", figures.figures, name="figures"),
    path("chiffres/<slug:slug>.csv", figures.figures_csv, name="figures_csv"),
    path("chiffres/rapport-<year:year>/", figures.annual_report, name="annual"),
    path("chiffres/rapport-<year:year>.pdf", figures.annual_report_pdf, name="annual_pdf"),
    path(
        "chiffres/rapport-<year:year>/publication/",
        figures.publish_annual_report,
        name="annual_publish",
    ),
    path("dispositifs/<slug:slug>/evaluation/", public.report, name="report"),
    path("dispositifs/<slug:slug>/evaluation.pdf", public.report_pdf, name="report_pdf"),
    path(
        "dispositifs/<slug:slug>/evaluation/questionnaire-participants/",
        public.survey,
        {"audience": "participants"},
        name="survey_participants",
    ),
    path(
        "dispositifs/<slug:slug>/evaluation/questionnaire-organisateurs/",
        public.survey,
        {"audience": "organisers"},
        name="survey_organisers",
    ),
    path(WORKSPACE, workspace.workspace, name="workspace"),
    path(WORKSPACE + "marges/", workspace.margins, name="margins"),
    path(WORKSPACE + "rapport/", workspace.save_report, name="report_save"),
    path(WORKSPACE + "acces/", workspace.grant, name="grant"),
    path(WORKSPACE + "questionnaires/<str:audience>/", workspace.open_survey, name="open_survey"),
]
