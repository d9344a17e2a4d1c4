"""The page's figures are computed once per change of their inputs, from the shared cache."""

from concerto.representativeness import actions, computed
from tests.representativeness.conftest import citizens


def test_figures_are_computed_once_until_an_input_changes(configured, monkeypatch):
    module, organiser = configured
    process = module.process
    calls = []
    real = computed.build_report
    monkeypatch.setattr(computed, "build_report", lambda p: calls.append(p.pk) or real(p))
    for citizen in citizens(12):
        actions.answer_profile(process, user=citizen, answers={"gender": "woman"})

    first = computed.figures(process)
    again = computed.figures(process)
    assert calls == [process.pk]
    # Men: 0 < 10, hidden; women then follow by difference, hidden too.
    assert [r.count for r in again.report.questions[1].rows] == [None, None]
    assert again.report.questions[1].respondents == first.report.questions[1].respondents == 12

    # A new answer is a new input: the figures are computed again and include it.
    (late,) = citizens(1)
    actions.answer_profile(process, user=late, answers={"gender": "woman"})
    assert computed.figures(process).report.questions[1].respondents == 13
    assert calls == [process.pk, process.pk]

    # So is a change of settings (the alert threshold changes the flags).
    actions.configure_profile(process, actor=organiser, questions=["gender"], alert_percent=50)
    assert [t.question.key for t in computed.figures(process).report.questions] == ["gender"]
    assert len(calls) == 3
