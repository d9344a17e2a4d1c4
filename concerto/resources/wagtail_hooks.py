"""The editor's way back to the platform, in its menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def back_to_the_site() -> MenuItem:
    return MenuItem(_("Retour au site"), "/", icon_name="home", order=100000)
