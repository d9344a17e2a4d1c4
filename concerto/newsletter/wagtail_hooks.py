"""The editors' « Envoyer un essai » entry in the edition's action menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from concerto.newsletter.models import NewsletterEditionPage


class TestSendMenuItem(ActionMenuItem):
    label = _("Envoyer un essai à moi-même")
    name = "action-newsletter-test-send"
    icon_name = "mail"

    def is_shown(self, context):
        page = context.get("page")
        return context["view"] == "edit" and isinstance(page, NewsletterEditionPage)

    def get_url(self, parent_context):
        return reverse("newsletter:test_send", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_test_send_menu_item():
    return TestSendMenuItem(order=50)
