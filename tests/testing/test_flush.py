"""The fast flush of transactional tests leaves exactly what Django's flush leaves."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, GroupPagePermission, Locale, Page, Site

from concerto.testing.flush import _tables_of, flush_to_baseline
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def contents() -> dict:
    """What the database holds, by natural keys (a real flush gives new ids)."""
    return {
        "rows": {
            model._meta.db_table: model._base_manager.count() for model in _tables_of("default")
        },
        "content types": sorted(ContentType.objects.values_list("app_label", "model")),
        "permissions": sorted(
            Permission.objects.values_list("content_type__app_label", "codename")
        ),
        "pages": sorted(
            Page.objects.values_list("path", "depth", "numchild", "slug", "title", "live")
        ),
        "page types": sorted(Page.objects.values_list("slug", "content_type__model")),
        "sites": sorted(
            Site.objects.values_list("hostname", "port", "root_page__slug", "is_default_site")
        ),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "collections": sorted(Collection.objects.values_list("path", "name")),
        "groups": sorted(Group.objects.values_list("name", "permissions__codename")),
        "page permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page__slug", "permission__codename"
            )
        ),
    }


def test_a_flush_leaves_what_post_migrate_writes():
    flush_to_baseline()
    UserFactory(email="reste@exemple.fr")
    Group.objects.create(name="Groupe de test")
    flush_to_baseline()
    restored = contents()

    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)

    assert restored == contents()
    assert restored["rows"]["accounts_user"] == 0
    assert restored["pages"][0][:4] == ("0001", 1, 1, "root")
    assert sorted(slug for slug, _model in restored["page types"]) == [
        "capsules",
        "devoir-de-suite",
        "faq",
        "guide",
        "lettre",
        "ressources",
        "root",
    ]


def test_a_later_flush_copies_the_rows_back_without_post_migrate():
    flush_to_baseline()
    UserFactory(email="reste@exemple.fr")
    signals = []
    post_migrate.connect(lambda **kwargs: signals.append(kwargs), weak=False, dispatch_uid="t")
    try:
        with CaptureQueriesContext(connection) as fast:
            flush_to_baseline()
    finally:
        post_migrate.disconnect(dispatch_uid="t")
    with CaptureQueriesContext(connection) as rebuilt:
        call_command("flush", verbosity=0, interactive=False, reset_sequences=False)

    assert signals == []
    inserted = {re.match(r'INSERT INTO "(\w+)"', query["sql"]) for query in fast}
    filled = {table for table, count in contents()["rows"].items() if count}
    assert {match.group(1) for match in inserted if match} == filled - {
        "wagtailsearch_indexentry_fts"  # filled by a trigger on SQLite
    }
    emptying = [query for query in fast if query["sql"].startswith(("DELETE", "TRUNCATE"))]
    print(f"fast flush: {len(fast)} queries, {len(emptying)} emptying; Django's: {len(rebuilt)}")
    assert len(fast) - len(emptying) <= 40
    assert len(rebuilt) - len(emptying) > 500
    assert ContentType.objects.get_for_model(Page).model == "page"
