from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.api.views import docs, public, tokens, writes

app_name = "api"

router = SimpleRouter()
router.register("dispositifs", public.ProcessViewSet, basename="process")
router.register("modules", public.ModuleViewSet, basename="module")
router.register("contributions", writes.ContributionViewSet, basename="contribution")
router.register("reponses", writes.AnswerViewSet, basename="answer")
router.register("chiffres", public.FigureViewSet, basename="figure")

urlpatterns = [
    path("api/", docs.documentation, name="docs"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi_json"),
    path("api/v1/", include(router.urls)),
    path("espace/api/jetons/", tokens.tokens, name="tokens"),
    path("espace/api/jetons/<id:token_id>/revocation/", tokens.revoke, name="revoke"),
]
