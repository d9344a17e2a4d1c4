"""Recruitment: categories before any pool, invitation batches, registration by code."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.panels import actions, recruitment
from concerto.panels.models import Invitation, InvitationBatch, PoolMember, Quota
from concerto.panels.models.recruitment import CODE_ALPHABET, format_code
from concerto.panels.tickets import token_for
from tests.panels.helpers import invite, other_user, pool_csv, recruiting_panel

pytestmark = pytest.mark.django_db

ANSWERS = {"genre": "femme", "âge": "65+"}


def register(panel, code, key="k1", **overrides):
    fields = {"values": dict(ANSWERS), "consent": True, "key": key, **overrides}
    return recruitment.register(panel, code=code, **fields)


def test_categories_come_before_the_pool_with_open_quotas():
    panel, _referent = recruiting_panel(size=2)
    assert [(c.name, c.values) for c in panel.categories.all()] == [
        ("genre", ["femme", "homme"]),
        ("âge", ["18-34", "35-64", "65+"]),
    ]
    assert sorted(panel.quotas.values_list("category", "value", "min", "max")) == [
        ("genre", "femme", 0, 2),
        ("genre", "homme", 0, 2),
        ("âge", "18-34", 0, 2),
        ("âge", "35-64", 0, 2),
        ("âge", "65+", 0, 2),
    ]
    assert panel.pool_counts == {
        "genre": {"femme": 0, "homme": 0},
        "âge": {"18-34": 0, "35-64": 0, "65+": 0},
    }
    assert panel.registration_open


def test_categories_are_refused_to_others_and_frozen_once_someone_registered():
    panel, referent = recruiting_panel()
    with pytest.raises(PermissionDenied):
        recruitment.define_categories(panel, actor=other_user(), categories=[("x", ["a", "b"])])
    with pytest.raises(ValidationError) as error:
        recruitment.define_categories(panel, actor=referent, categories=[("x", ["a"])])
    assert error.value.message_dict == {"categories": ["« x » : indiquez au moins deux valeurs."]}
    _batch, codes = invite(panel, referent)
    register(panel, codes[0])
    with pytest.raises(ValidationError) as error:
        recruitment.define_categories(panel, actor=referent, categories=[("x", ["a", "b"])])
    assert error.value.messages == [
        "Des personnes sont déjà dans le vivier : les catégories ne changent plus."
    ]
    assert panel.categories.count() == 2
    assert Quota.objects.filter(panel=panel).count() == 5


def test_a_batch_gives_each_contact_one_unguessable_code():
    panel, referent = recruiting_panel()
    batch, codes = invite(panel, referent, contacts=("1 rue A", "2  rue B", "3 rue C"))
    assert (batch.label, batch.channel, batch.invited_count, batch.registered_count) == (
        "Lot 1",
        "mail",
        3,
        0,
    )
    assert list(batch.invitations.values_list("contact", flat=True)) == [
        "1 rue A",
        "2 rue B",
        "3 rue C",
    ]
    assert len(set(codes)) == 3
    assert all(len(c) == 12 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert format_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


def test_bad_batches_are_refused_whole():
    panel, referent = recruiting_panel()
    invite(panel, referent, contacts=("1 rue A",))
    cases = [
        ({"label": "Lot 1", "channel": "mail", "data": b"adresse\n9 rue Z\n"},
         {"label": ["Un lot porte déjà ce nom."]}),
        ({"label": "Lot 2", "channel": "mail", "data": b"adresse\n9 rue Z\n9 rue  Z\n"},
         {"file": ["Ligne 3 : déjà présent ligne 2."]}),
        ({"label": "Lot 2", "channel": "mail", "data": b"adresse\n1 rue A\n"},
         {"file": ["Déjà invités par un lot précédent : 1 rue A."]}),
        ({"label": "Lot 2", "channel": "phone", "data": b"telephone\n06 12\n"},
         {"file": ["Ligne 2 : « 0612 » n'est pas un numéro de téléphone."]}),
        ({"label": "Lot 2", "channel": "mail", "data": b"adresse\n" + b"x" * 301 + b"\n"},
         {"file": ["Ligne 2 : plus de 300 caractères."]}),
        ({"label": "Lot 2", "channel": "mail", "data": b"nom,ville\nA,B\n"},
         {"file": ["Le fichier doit avoir une colonne « adresse » ou « telephone »."]}),
    ]  # fmt: skip
    for fields, expected in cases:
        with pytest.raises(ValidationError) as error:
            recruitment.import_invitations(panel, actor=referent, **fields)
        assert error.value.message_dict == expected
    assert InvitationBatch.objects.count() == 1
    assert Invitation.objects.count() == 1


def test_an_address_with_an_unquoted_comma_is_an_error_by_line_never_cut():
    """Issue 21, finding 3: "12 rue de la Paix, Paris" unquoted is two fields, not a
    silently cut "12 rue de la Paix"."""
    panel, referent = recruiting_panel()
    data = b'adresse\n"1 rue A, Paris"\n12 rue de la Paix, 75002 Paris\n3 rue C\n'
    with pytest.raises(ValidationError) as error:
        recruitment.import_invitations(
            panel, actor=referent, label="Lot 1", channel="mail", data=data
        )
    assert error.value.message_dict == {
        "file": [
            "Ligne 3 : 1 colonne attendue, 2 trouvées (une virgule dans un texte doit être "
            "entre guillemets)."
        ]
    }
    assert not Invitation.objects.exists()
    # Quoted, or in a file separated by semicolons, the whole address is kept.
    data = "nom;adresse\nA;12 rue de la Paix, 75002 Paris\nB;3 rue C\n".encode("cp1252")
    batch = recruitment.import_invitations(
        panel, actor=referent, label="Lot 1", channel="mail", data=data
    )
    assert list(batch.invitations.values_list("contact", flat=True)) == [
        "12 rue de la Paix, 75002 Paris",
        "3 rue C",
    ]


def test_phone_batch_normalises_numbers():
    panel, referent = recruiting_panel()
    batch = recruitment.import_invitations(
        panel, actor=referent, label="Appels", channel="phone",
        data="téléphone\n06 12 34 56 78\n+33 6 98 76 54 32\n".encode(),
    )  # fmt: skip
    assert list(batch.invitations.values_list("contact", flat=True)) == [
        "0612345678",
        "+33698765432",
    ]


def test_registration_creates_one_member_and_updates_counts():
    panel, referent = recruiting_panel()
    batch, codes = invite(panel, referent)
    typed = format_code(codes[0]).lower().replace("-", " ")
    member = register(panel, typed)
    assert (member.values, member.consent, member.status) == (ANSWERS, True, "pool")
    assert member.invitation.code == codes[0]
    panel.refresh_from_db()
    batch.refresh_from_db()
    assert (batch.invited_count, batch.registered_count, batch.response_rate) == (2, 1, 0.5)
    assert panel.pool_size == 1
    assert panel.pool_counts == {
        "genre": {"femme": 1, "homme": 0},
        "âge": {"18-34": 0, "35-64": 0, "65+": 1},
    }


def test_double_submission_and_reused_code_never_make_two_members():
    panel, referent = recruiting_panel()
    batch, codes = invite(panel, referent)
    first = register(panel, codes[0], key="form-1")
    # The same form sent again (double click, reload) answers with the same member.
    assert register(panel, codes[0], key="form-1") == first
    with pytest.raises(ValidationError) as error:
        register(panel, codes[0], key="form-2", values={"genre": "homme", "âge": "18-34"})
    assert error.value.message_dict == {
        "code": ["Ce code d'invitation a déjà servi à une inscription."]
    }
    with pytest.raises(ValidationError) as error:
        register(panel, "ZZZZ-ZZZZ-ZZZZ")
    assert error.value.message_dict == {
        "code": ["Ce code d'invitation est inconnu : vérifiez-le sur votre invitation."]
    }
    assert PoolMember.objects.count() == 1
    batch.refresh_from_db()
    panel.refresh_from_db()
    assert (batch.registered_count, panel.pool_size) == (1, 1)


def test_registration_needs_answers_consent_and_household_when_the_rule_is_on():
    panel, referent = recruiting_panel(household_rule=True)
    _batch, codes = invite(panel, referent)
    with pytest.raises(ValidationError) as error:
        register(panel, codes[0], values={"genre": "autre"}, consent=False)
    category_ids = list(panel.categories.values_list("pk", flat=True))
    assert error.value.message_dict == {
        f"category_{category_ids[0]}": ["Choisissez une réponse."],
        f"category_{category_ids[1]}": ["Choisissez une réponse."],
        "household": ["Indiquez l'adresse de votre foyer."],
        "consent": ["Votre accord est nécessaire pour entrer dans le vivier."],
    }
    assert PoolMember.objects.count() == 0
    member = register(panel, codes[0], household="12, Rue de la  Paix")
    assert member.household == "12 rue de la paix"


def test_computing_closes_registration_and_draws_from_the_volunteers():
    panel, referent = recruiting_panel(size=2)
    contacts = [f"{i} rue du Port" for i in range(1, 7)]
    _batch, codes = invite(panel, referent, contacts=contacts)
    answers = [("femme", "18-34"), ("homme", "35-64"), ("femme", "65+"), ("homme", "18-34"),
               ("femme", "35-64"), ("homme", "65+")]  # fmt: skip
    for code, (genre, age) in zip(codes[:5], answers, strict=False):
        register(panel, code, key=code, values={"genre": genre, "âge": age})
    with pytest.raises(ValidationError):
        actions.import_pool(panel, actor=referent, data=pool_csv(4))
    quotas = {(q.category, q.value): q.pk for q in panel.quotas.all()}
    actions.update_quotas(
        panel, actor=referent,
        bounds={quotas[("genre", "femme")]: (1, 1), quotas[("genre", "homme")]: (1, 1)},
    )  # fmt: skip
    actions.start_computation(panel, actor=referent)
    panel.refresh_from_db()
    assert panel.registration_closed_at is not None
    assert not panel.registration_open
    assert panel.min_probability == pytest.approx(1 / 3)
    with pytest.raises(ValidationError) as error:
        register(panel, codes[5])
    assert error.value.messages == ["Les inscriptions à ce panel sont closes."]
    with pytest.raises(ValidationError):
        invite(panel, referent, contacts=("7 rue du Port",), label="Lot 2")
    actions.publish_lottery(panel, actor=referent, announcement="En séance publique.")
    # Only the tirage code finds a volunteer in the lottery: whoever holds an invitation
    # letter must not learn whether its addressee registered.
    first = PoolMember.objects.get(invitation__code=codes[0])
    assert token_for(first.token.upper()) == first.token
    assert token_for(format_code(codes[0])) is None
    actions.fix_seed(panel, actor=referent, seed="1-2-3", origin="Un dé, trois fois.")
    actions.draw_panel(panel, actor=referent)
    chosen = panel.pool.filter(status="selected")
    assert sorted(m.values["genre"] for m in chosen) == ["femme", "homme"]


def test_purge_deletes_invitations_and_keeps_batch_counts():
    panel, referent = recruiting_panel()
    batch, codes = invite(panel, referent)
    register(panel, codes[0])
    deleted = actions.purge_expired_pools(today=timezone.localdate() + timedelta(days=90))
    assert deleted == 1
    assert Invitation.objects.count() == 0
    assert PoolMember.objects.count() == 0
    batch.refresh_from_db()
    assert (batch.invited_count, batch.registered_count) == (2, 1)
