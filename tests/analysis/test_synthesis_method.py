"""Issue 23: the synthesis explains its method in plain French, with the figures
of this consultation; the technical method is in an appendix."""

import re
from html import unescape

import pytest

from concerto.analysis import actions, curation
from concerto.analysis.models import Assignment, CampaignGroup
from concerto.participation.models import Channel, Contribution, ContributionKind
from tests.analysis.campaign import CAMPAIGN_SIZE, analyse, module_with_a_campaign

pytestmark = pytest.mark.django_db

TECHNICAL = ("TF-IDF", "MinHash", "k-moyennes", "sémantique latente")


def section(html: str, heading_id: str) -> str:
    """The text from the heading `heading_id` to the next h2, tags removed."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 1)
    text = re.sub(r"<[^>]+>", " ", html[start : end if end > 0 else len(html)])
    return " ".join(unescape(text).split())


def published(monkeypatch, client):
    module, organiser = module_with_a_campaign()
    # Too short to be classified in a theme.
    Contribution.objects.create(
        module=module, kind=ContributionKind.ANSWER, channel=Channel.PAPER, body="Oui !"
    )
    analysis = analyse(module, organiser, n_themes=4)
    curation.review_campaign(
        analysis.campaigns.get(), actor=organiser, review=CampaignGroup.Review.CONFIRMED
    )
    synthesis = actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    page = client.get(synthesis.get_absolute_url()).content.decode()
    captured = {}

    def render_pdf(html, **kwargs):
        captured["html"] = html
        return b"%PDF-1.7"

    monkeypatch.setattr("concerto.analysis.views.public.render_pdf", render_pdf)
    client.get(synthesis.get_absolute_url() + "synthese.pdf")
    return analysis, page, captured["html"]


def test_the_method_in_plain_french_with_this_consultations_figures(client, monkeypatch):
    analysis, page, pdf = published(monkeypatch, client)
    received = 320 + CAMPAIGN_SIZE + 2 + 1
    analysed = Assignment.objects.filter(analysis=analysis, theme__isnull=False).count()
    copies = Assignment.objects.filter(analysis=analysis, is_copy=True).count()
    assert analysis.figures["contributions"] == received
    for html in (page, pdf):
        method = section(html, "methode")
        assert f"{received} contributions reçues" in method
        assert f"{analysed} contributions analysées" in method
        assert received - analysed == analysis.figures["unclassified"] == 1
        assert "1 contribution, vide ou trop courte, n'a pu être rangée" in method
        assert f"{copies} copies mises de côté" in method
        assert "1 campagne :" in method
        assert (
            f"Campagne 1 : {CAMPAIGN_SIZE} contributions de {CAMPAIGN_SIZE} personnes"
        ) in method
        assert "confirmée par l'équipe" in method
        for word in TECHNICAL:
            assert word not in method
        annex = section(html, "annexe-methode")
        assert annex.startswith("Annexe : méthode technique")
        for word in ("TF-IDF", "MinHash"):
            assert word in annex
