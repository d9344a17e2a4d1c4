"""Run an analysis on real Grand Débat answers, merge two themes, publish, get the PDF."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concerto.analysis import actions, curation
from concerto.analysis.models import Analysis, Operation, Synthesis
from concerto.analysis.sample import load_sample
from concerto.jobs.models import Job
from tests.factories import open_module

pytestmark = pytest.mark.django_db


def closed_module():
    module, organiser = open_module("questionnaire")
    today = timezone.localdate()
    module.opens_on, module.closes_on = today - timedelta(days=30), today - timedelta(days=1)
    module.save()
    load_sample(module, entered_by=organiser, limit=120)
    return module, organiser


def test_analyse_merge_rerun_and_publish(client):
    module, organiser = closed_module()
    job = actions.start_analysis(module, actor=organiser, n_themes=5)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result_url == (
        f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/"
    )
    analysis = actions.latest_analysis(module)
    assert analysis.figures["contributions"] == 120
    assert analysis.figures["offline"] == 15
    assert analysis.themes.count() == 5
    first, second = list(analysis.themes.order_by("-size"))[:2]
    merged = curation.merge_themes(analysis, [first, second], actor=organiser, label="Fusion")
    assert merged.size == first.size + second.size
    assert analysis.themes.count() == 4
    # Re-run: the merge is re-applied from the stored operation.
    load_sample(module, entered_by=organiser, limit=140)
    actions.start_analysis(module, actor=organiser, n_themes=5)
    rerun = actions.latest_analysis(module)
    assert rerun.pk != analysis.pk
    assert Operation.objects.filter(module=module).count() == 1
    assert rerun.themes.filter(label="Fusion").count() == 1
    assert rerun.themes.count() == 4
    synthesis = actions.publish_synthesis(rerun, actor=organiser, reviewed=True)
    assert synthesis.themes.count() == 4
    response = client.get(synthesis.get_absolute_url())
    assert response.status_code == 200
    assert "Fusion" in response.content.decode()
    pdf = client.get(synthesis.get_absolute_url() + "synthese.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_refused_while_module_open():
    module, organiser = open_module("questionnaire")
    with pytest.raises(Exception):  # noqa: B017, PT011
        actions.start_analysis(module, actor=organiser)
    assert Analysis.objects.count() == 0
    assert Synthesis.objects.count() == 0
