"""An import's keys are its own: a citizen cannot make it skip a proposal."""

import uuid

import pytest

from concerto.accounts.roles import Role
from concerto.opendata.imports import decidim
from concerto.opendata.imports.actions import import_contributions
from concerto.participation.actions import submit_contribution
from concerto.participation.models import Contribution, ContributionKind
from tests.factories import open_module, user_with_role

pytestmark = pytest.mark.django_db

# The namespace the platform once derived import keys from: public, in the source.
PUBLIC_NAMESPACE = uuid.UUID("0b6a4f0e-52d4-4a8f-9a33-7f1e8d5c2b19")


def test_a_citizen_sending_an_imports_derived_key_first_does_not_pre_empt_it(decidim_export):
    module, organiser = open_module("proposals")
    citizen = user_with_role(Role.CITIZEN)
    guessed = uuid.uuid5(PUBLIC_NAMESPACE, f"decidim\x1f{module.pk}\x1fproposal:101")
    squatted, _ = submit_contribution(
        module, author=citizen, kind=ContributionKind.PROPOSAL, title="Squat",
        body="Texte du citoyen.", idempotency_key=guessed,
    )  # fmt: skip

    report = import_contributions(module, actor=organiser, parsed=decidim.parse(decidim_export))

    assert (report.created, report.existing) == (10, 0)
    imported = Contribution.objects.filter(module=module, entered_by=organiser)
    assert imported.count() == 10
    assert imported.filter(title__startswith="Mettre en place une prime").count() == 1
    squatted.refresh_from_db()
    assert (squatted.body, squatted.author, squatted.title) == (
        "Texte du citoyen.", citizen, "Squat",
    )  # fmt: skip
    assert squatted.children.count() == 0
    again = import_contributions(module, actor=organiser, parsed=decidim.parse(decidim_export))
    assert (again.created, again.existing) == (0, 10)
    assert Contribution.objects.filter(module=module).count() == 11
