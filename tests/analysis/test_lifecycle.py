"""Publishing a closed process's synthesis moves it to "Contributions analysées", once."""

import pytest

from concerto.analysis import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process, Transition
from tests.analysis.test_workflow import closed_module

pytestmark = pytest.mark.django_db


def _analysed(module, organiser):
    actions.start_analysis(module, actor=organiser, n_themes=3)
    return actions.latest_analysis(module)


def test_a_synthesis_published_after_closing_marks_the_contributions_analysed():
    module, organiser = closed_module()
    process = module.process
    analysis = _analysed(module, organiser)

    # While participation runs, a synthesis changes nothing in the lifecycle.
    actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    assert Process.objects.get(pk=process.pk).status == Status.OPEN
    assert not Transition.objects.filter(process=process, action="publish_synthesis").exists()

    Process.objects.filter(pk=process.pk).update(status=Status.CLOSED)
    actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    assert Process.objects.get(pk=process.pk).status == Status.ANALYSED
    (log,) = Transition.objects.filter(process=process, action="publish_synthesis")
    assert (log.from_status, log.to_status, log.actor) == (
        Status.CLOSED, Status.ANALYSED, organiser,
    )  # fmt: skip
    assert log.reason == f"Synthèse publiée : {module.title}"

    # Published again (a correction): the status stays, nothing more is logged.
    actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    assert Process.objects.get(pk=process.pk).status == Status.ANALYSED
    assert Transition.objects.filter(process=process, action="publish_synthesis").count() == 1
