"""A closed module holding the demo's real answers, a campaign sent by eight people
and two exact copies: the data of issue 23's tests."""

from concerto.analysis import actions
from concerto.analysis.models import Analysis
from concerto.analysis.sample import load_sample, sample_answers
from concerto.participation.models import Channel, Contribution, ContributionKind
from tests.analysis.test_workflow import closed_module

EOLIENNES = (
    "Stop aux éoliennes qui défigurent nos paysages et tuent les oiseaux, nous "
    "demandons un moratoire immédiat sur les éoliennes"
)
CAMPAIGN_SIZE = 8
COPIES = 2


def module_with_a_campaign():
    """(module, organiser): the 320 answers, then the campaign, then the copies."""
    module, organiser = closed_module()
    load_sample(module, entered_by=organiser)
    first = sample_answers(1)[0]
    Contribution.objects.bulk_create(
        [
            Contribution(
                module=module,
                kind=ContributionKind.ANSWER,
                channel=Channel.ONLINE,
                body=EOLIENNES + ("." if i % 2 else " !"),
                pseudonym=f"Voisin {i}",
            )
            for i in range(CAMPAIGN_SIZE)
        ]
        + [
            Contribution(
                module=module,
                kind=ContributionKind.ANSWER,
                channel=Channel.ONLINE,
                body=first,
                pseudonym=f"Copiste {i}",
            )
            for i in range(COPIES)
        ]
    )
    return module, organiser


def analyse(module, organiser, *, n_themes=None, seed=0) -> Analysis:
    analysis = Analysis.objects.create(
        module=module, requested_themes=n_themes, seed=seed, created_by=organiser
    )
    return actions.compute_analysis(analysis)
