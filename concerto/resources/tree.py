"""The resource centre's skeleton: Wagtail's root, the site, the section pages and the
editors' group. Recreated after every migrate and database flush (post_migrate), like
Django's own permissions, so the public pages never 404 on an empty database."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from concerto.resources import models

EDITORS_GROUP = "Éditeurs du centre de ressources"

SECTIONS = (
    ("GuidePage", "guide", "Guide méthodologique"),
    ("FaqIndexPage", "faq", "Foire aux questions"),
    ("FollowUpDossierPage", "devoir-de-suite", "Réussir son devoir de suite"),
    ("CapsuleIndexPage", "capsules", "Capsules vidéo"),
)


def _root():
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


@transaction.atomic
def ensure_resource_tree():
    """Create whatever part of the skeleton is missing; return the home page."""
    from wagtail.models import Collection, Site

    root = _root()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = models.ResourceHomePage.objects.first()
    if home is None:
        # Wagtail's own migrations leave a placeholder welcome page behind.
        root.get_children().filter(content_type__model="page").delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=models.ResourceHomePage(
                title=_("Centre de ressources"),
                slug="ressources",
                intro=_(
                    "Pour concevoir et conduire une démarche participative : le guide "
                    "méthodologique, les questions fréquentes, le devoir de suite et des "
                    "capsules vidéo, proposés par le CIPC."
                ),
            )
        )
    Site.objects.exclude(root_page=home).delete()
    Site.objects.get_or_create(
        root_page=home,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "is_default_site": True,
            "site_name": "Concerto",
        },
    )
    for model_name, slug, title in SECTIONS:
        model = getattr(models, model_name)
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug))
            home.refresh_from_db()
    ensure_editors_group(home)
    return home


EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
EDITOR_COLLECTION_PERMISSIONS = ("add_document", "change_document", "choose_document")


def ensure_editors_group(home) -> Group:
    """CIPC staff edit the resource centre: this group carries what Wagtail asks for."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label__in=["resources", "community"],
            codename__in=[
                f"{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("faqtheme", "event")
            ],
        ),
    )
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=EDITOR_COLLECTION_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    return group
