"""Published versions enter the process's hash-chained history, and tampering shows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from concerto.codrafting import actions
from concerto.codrafting.history import verify_text_chains, version_content
from concerto.codrafting.models import TextUnit, TextVersionRecord
from concerto.followup.models.versions import GENESIS, ImmutableError, chain_hash
from tests.codrafting.conftest import key

pytestmark = pytest.mark.django_db


def test_publishing_appends_one_record_whose_hash_verifies(module, organiser):
    version, _reading = actions.import_draft(
        module, actor=organiser, data="### Article 1er\n\nLe texte.", format="markdown",
        name="Projet de loi",
    )  # fmt: skip
    assert not TextVersionRecord.objects.exists()
    actions.publish_version(version, actor=organiser)
    actions.publish_version(version, actor=organiser)  # a second click records nothing
    (record,) = TextVersionRecord.objects.all()
    version.refresh_from_db()
    assert (record.process_id, record.version, record.version_pk, record.number) == (
        module.process_id,
        version,
        version.pk,
        1,
    )
    assert record.reason == "Publication de la version 1 du texte"
    assert record.previous_hash == GENESIS
    article, paragraph = version.units.order_by("position")
    assert record.content == {
        "module": module.pk,
        "version": 1,
        "name": "Projet de loi",
        "note": "",
        "published_at": version.published_at.isoformat(),
        "units": [
            {"key": "a1", "kind": "article", "label": "Article 1er", "heading": "",
             "text": "", "open": True, "closed_reason": "", "sources": []},
            {"key": "a1.p1", "kind": "paragraph", "label": "", "heading": "",
             "text": "Le texte.", "open": True, "closed_reason": "", "sources": []},
        ],
    }  # fmt: skip
    assert record.hash == chain_hash(
        GENESIS,
        {
            "object": version.pk,
            "number": 1,
            "content": record.content,
            "reason": record.reason,
            "at": record.created_at.isoformat(),
        },
    )
    assert verify_text_chains() == (1, None)


def test_the_next_version_chains_onto_the_first_with_its_sources(
    published, module, organiser, citizens
):
    alice, _bruno = citizens
    paragraph = published.units.get(key="t1.c1.a1.p2")
    suggestion, _created = actions.suggest_rewording(
        paragraph, author=alice, text="Cette publication est libre et gratuite.",
        idempotency_key=key(),
    )  # fmt: skip
    version_2 = actions.start_version(module, actor=organiser)
    actions.update_unit(
        version_2.units.get(key="t1.c1.a1.p2"), actor=organiser,
        heading="", text="Cette publication est libre et gratuite.", open=True,
        sources=[suggestion.pk],
    )  # fmt: skip
    actions.publish_version(version_2, actor=organiser, note="Publication libre.")
    first, second = TextVersionRecord.objects.order_by("pk")
    assert (first.number, second.number) == (1, 2)
    assert second.previous_hash == first.hash
    changed = next(u for u in second.content["units"] if u["key"] == "t1.c1.a1.p2")
    assert changed["text"] == "Cette publication est libre et gratuite."
    assert changed["sources"] == [suggestion.pk]
    out = StringIO()
    call_command("verify_followup_chain", stdout=out)
    assert out.getvalue() == "Chaîne intègre : 2 versions vérifiées.\n"


def test_a_record_is_never_edited_nor_deleted(published):
    record = TextVersionRecord.objects.get()
    record.content = dict(record.content, name="Autre")
    with pytest.raises(ImmutableError):
        record.save()
    with pytest.raises(ImmutableError):
        record.delete()
    record = TextVersionRecord.objects.get()
    assert record.content["name"] == "Projet de loi"
    assert verify_text_chains() == (1, None)


def test_a_unit_edited_after_publication_is_detected(published):
    record = TextVersionRecord.objects.get()
    # Straight in the database: no action lets a published unit change.
    TextUnit.objects.filter(version=published, key="t1.c2.a3.p1").update(
        text="La présente loi entre en vigueur le 1er janvier 2030."
    )
    assert verify_text_chains()[1].where == "units"
    with pytest.raises(CommandError) as error:
        call_command("verify_followup_chain")
    assert str(error.value) == (
        "Texte modifié : la version 1 du texte « Projet de loi » (dispositif "
        f"« {published.module.process.title} », empreinte {record.hash[:12]}) ne "
        "correspond plus à ce qui a été publié."
    )


def test_a_record_edited_in_the_database_breaks_the_chain(published):
    record = TextVersionRecord.objects.get()
    content = version_content(published)
    content["units"][-1]["text"] = "La présente loi entre en vigueur le 1er janvier 2030."
    TextVersionRecord.objects.filter(pk=record.pk).update(content=content)
    checked, tampering = verify_text_chains()
    assert (checked, tampering.where, tampering.record.pk) == (1, "chain", record.pk)
    with pytest.raises(CommandError) as error:
        call_command("verify_followup_chain")
    assert str(error.value).startswith("Chaîne rompue : la version 1 du texte « Projet de loi »")


def test_deleting_the_module_leaves_the_record_in_the_chain(published, module):
    record = TextVersionRecord.objects.get()
    module.delete()
    record.refresh_from_db()
    assert (record.version, record.version_pk) == (None, published.pk)
    assert verify_text_chains() == (1, None)
