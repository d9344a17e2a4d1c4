from django.urls import path

from concerto.pages import health, views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("charte/", views.charter, name="charter"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("securite/", views.security, name="security"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("sante/", health.health, name="health"),
]
