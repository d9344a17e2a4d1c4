app_name = "expertgroups"

urlpatterns: list = []
