"""Issue 23: a synthesis is published only after a review the organiser confirms."""

import pytest
from django.core.exceptions import ValidationError

from concerto.analysis import actions, curation
from concerto.analysis.models import CampaignGroup, Synthesis
from tests.analysis.campaign import analyse, module_with_a_campaign

pytestmark = pytest.mark.django_db

REFUSED = (
    "Cochez la case pour confirmer que vous avez relu la synthèse : elle n&#x27;a pas été publiée."
)


def review_url(module) -> str:
    return f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/publication/"


def listed(page: str, list_id: str) -> str:
    start = page.index(f'id="{list_id}"')
    return page[start : page.index("</ul>", start)]


def test_the_review_lists_automatic_labels_campaigns_to_examine_and_themes_without_quotes(
    client,
):
    module, organiser = module_with_a_campaign()
    analysis = analyse(module, organiser, n_themes=4)
    campaign = analysis.campaigns.get()
    themes = list(analysis.themes.order_by("-size", "position"))
    renamed, merged_into, merged = themes[0], themes[1], themes[2]
    curation.rename_theme(renamed, actor=organiser, label="Se déplacer autrement")
    # A merge without a new label keeps the largest theme's automatic label.
    curation.merge_themes(analysis, [merged_into, merged], actor=organiser)
    # The campaign's texts split into a theme of their own: no text there may be quoted.
    members = list(campaign.assignments.values_list("contribution_id", flat=True))
    curation.move_contributions(analysis, members, actor=organiser, new_label="Éoliennes")
    client.force_login(organiser)

    response = client.get(review_url(module))
    assert response.status_code == 200
    page = response.content.decode()
    automatic = listed(page, "automatic-labels")
    labels = {t.label for t in analysis.themes.all()}
    assert "Se déplacer autrement" in labels and "Éoliennes" in labels
    for label in labels - {"Se déplacer autrement", "Éoliennes"}:
        assert label in automatic
    assert "Se déplacer autrement" not in automatic
    assert "Éoliennes" not in automatic
    assert "éoliennes qui défigurent" in listed(page, "detected-campaigns")
    assert "Éoliennes" in listed(page, "themes-without-quotes")
    assert "J&#x27;ai relu" in page

    # Once examined, the campaign is no longer listed.
    curation.review_campaign(campaign, actor=organiser, review=CampaignGroup.Review.CONFIRMED)
    page = client.get(review_url(module)).content.decode()
    assert 'id="detected-campaigns"' not in page
    assert "Aucune campagne ne reste à examiner." in page


def test_publishing_without_the_confirmation_is_refused(client):
    module, organiser = module_with_a_campaign()
    analyse(module, organiser, n_themes=4)
    client.force_login(organiser)

    response = client.post(review_url(module), {})
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page
    # The message sits with the checkbox, in the field's group.
    start = page.index("fr-checkbox-group--error")
    group = page[start : page.index("<button", start)]
    assert 'id="id_confirm"' in group and REFUSED in group
    assert not Synthesis.objects.exists()

    response = client.post(review_url(module), {"confirm": "on"})
    synthesis = Synthesis.objects.get()
    assert response.status_code == 302
    assert response["Location"] == synthesis.get_absolute_url()


def test_the_action_refuses_an_unreviewed_publication():
    module, organiser = module_with_a_campaign()
    analysis = analyse(module, organiser, n_themes=4)
    with pytest.raises(ValidationError):
        actions.publish_synthesis(analysis, actor=organiser, reviewed=False)
    assert not Synthesis.objects.exists()
