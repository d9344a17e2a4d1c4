"""Issue 23: a synthesis never quotes a campaign's text nor a copy; campaigns are
reported as campaigns, with their size."""

import pytest

from concerto.analysis import actions, curation
from concerto.analysis.models import Assignment, CampaignGroup
from concerto.participation.models import Contribution
from tests.analysis.campaign import (
    CAMPAIGN_SIZE,
    COPIES,
    analyse,
    module_with_a_campaign,
)

pytestmark = pytest.mark.django_db

FRAGMENT = "éoliennes qui défigurent"


def quoted_ids(analysis) -> set[int]:
    return {q for theme in analysis.themes.all() for q in theme.quotes}


def published_texts(synthesis) -> list[str]:
    return [quote["text"] for theme in synthesis.themes.all() for quote in theme.quotes]


# Runs where, before issue 23, the campaign's text was a theme's quote.
@pytest.mark.parametrize(("n_themes", "seed"), [(None, 1), (8, 2), (12, 1)])
def test_a_confirmed_campaign_is_never_quoted(client, monkeypatch, n_themes, seed):
    module, organiser = module_with_a_campaign()
    analysis = analyse(module, organiser, n_themes=n_themes, seed=seed)
    campaign = analysis.campaigns.get()
    assert campaign.size == CAMPAIGN_SIZE
    curation.review_campaign(campaign, actor=organiser, review=CampaignGroup.Review.CONFIRMED)
    members = set(campaign.assignments.values_list("contribution_id", flat=True))
    copies = set(
        Assignment.objects.filter(analysis=analysis, is_copy=True).values_list(
            "contribution_id", flat=True
        )
    )
    # The campaign's texts after its first, the two copies, one copy among the answers.
    assert len(copies) == CAMPAIGN_SIZE - 1 + COPIES + 1
    assert not quoted_ids(analysis) & (members | copies)

    synthesis = actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    assert not any(FRAGMENT in text for text in published_texts(synthesis))
    groups = synthesis.figures["campaign_groups"]
    assert [(g["size"], g["authors"], g["confirmed"]) for g in groups] == [
        (CAMPAIGN_SIZE, CAMPAIGN_SIZE, True)
    ]
    page = client.get(synthesis.get_absolute_url()).content.decode()
    assert FRAGMENT not in page
    captured = {}

    def render_pdf(html, **kwargs):
        captured["html"] = html
        return b"%PDF-1.7"

    monkeypatch.setattr("concerto.analysis.views.public.render_pdf", render_pdf)
    assert client.get(synthesis.get_absolute_url() + "synthese.pdf").status_code == 200
    assert "<blockquote" in captured["html"]
    assert FRAGMENT not in captured["html"]


def test_publication_keeps_only_acceptable_quotes():
    """Quotes stored before issue 23, or set by any other path, are screened again
    when the synthesis is published."""
    module, organiser = module_with_a_campaign()
    analysis = analyse(module, organiser, n_themes=4)
    campaign = analysis.campaigns.get()
    member = campaign.assignments.order_by("contribution_id").first()
    copy = Assignment.objects.filter(analysis=analysis, is_copy=True, campaign=None).first()
    original = Assignment.objects.get(
        analysis=analysis,
        duplicate_group=copy.duplicate_group,
        is_copy=False,
    )
    theme = member.theme
    # Make the copy, its original and a campaign text members of one theme, and its quotes.
    Assignment.objects.filter(pk__in=[copy.pk, original.pk]).update(theme=theme)
    near = Contribution.objects.create(
        module=module,
        kind=original.contribution.kind,
        channel=original.contribution.channel,
        body=original.contribution.body + " Voilà.",
    )
    Assignment.objects.create(analysis=analysis, contribution=near, theme=theme)
    ordinary = (
        theme.assignments.filter(is_copy=False, campaign=None)
        .exclude(contribution_id__in=[original.contribution_id, near.pk])
        .first()
    )
    theme.quotes = [
        member.contribution_id,
        copy.contribution_id,
        original.contribution_id,
        near.pk,
        ordinary.contribution_id,
    ]
    theme.save()

    synthesis = actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    published = synthesis.themes.get(label=theme.label).quotes
    assert [q["text"] for q in published] == [
        original.contribution.body,
        ordinary.contribution.body,
    ]


def test_a_theme_split_from_a_campaign_quotes_none_of_it():
    module, organiser = module_with_a_campaign()
    analysis = analyse(module, organiser, n_themes=4)
    campaign = analysis.campaigns.get()
    members = list(campaign.assignments.values_list("contribution_id", flat=True))
    theme = curation.move_contributions(analysis, members, actor=organiser, new_label="Éoliennes")
    assert theme.size == CAMPAIGN_SIZE
    assert theme.quotes == []
    # Dismissed, the campaign is ordinary texts again: one of them may be quoted.
    curation.review_campaign(campaign, actor=organiser, review=CampaignGroup.Review.DISMISSED)
    theme.refresh_from_db()
    assert len(theme.quotes) == 1
    assert set(theme.quotes) <= set(members)


def test_a_campaign_dismissed_is_not_reported():
    module, organiser = module_with_a_campaign()
    analysis = analyse(module, organiser, n_themes=4)
    campaign = analysis.campaigns.get()
    curation.review_campaign(campaign, actor=organiser, review=CampaignGroup.Review.DISMISSED)
    synthesis = actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    assert synthesis.figures["campaign_groups"] == []
    assert synthesis.figures["campaigns"] == synthesis.figures["in_campaigns"] == 0
    # The campaign's texts stay counted in their themes.
    assert (
        sum(t.size for t in synthesis.themes.all())
        == analysis.figures["contributions"] - (analysis.figures["unclassified"])
    )


def test_a_theme_whose_quotes_are_all_set_aside_gets_new_ones():
    module, organiser = module_with_a_campaign()
    analysis = analyse(module, organiser, n_themes=4)
    member = analysis.campaigns.get().assignments.order_by("contribution_id").first()
    theme = member.theme
    # As a merge could leave it: the campaign's text as the theme's only quote.
    theme.quotes = [member.contribution_id]
    theme.save()
    other = analysis.themes.exclude(pk=theme.pk).first()
    curation.rename_theme(other, actor=organiser, label="Autre intitulé")
    theme.refresh_from_db()
    assert theme.quotes
    assert not Assignment.objects.filter(
        analysis=analysis, contribution_id__in=theme.quotes, campaign__isnull=False
    ).exists()
