"""The quality grid's findings put into words by the platform (issue 20): every code the
engine returns has its wording, and versions stored before findings still display."""

import pytest
from django.utils.html import escape

from concerto.engines.quality import CODES, STATED_FIELDS, Finding, Method, Status
from concerto.processes import quality_words
from concerto.processes.lifecycle import Status as ProcessStatus
from concerto.processes.models.process import METHOD_CHOICES
from concerto.processes.quality_words import explanation, words
from tests.engines.quality.varied import verdicts
from tests.factories import complete_process, walk_to

NBSP = "\u00a0"


def test_every_code_of_the_engine_has_a_wording_and_no_other():
    assert quality_words.WORDED == set(CODES)
    assert not set(quality_words.SENTENCES) & set(quality_words.COMPOSED)


def test_every_label_a_finding_may_cite_has_its_wording():
    assert set(quality_words.FIELD_LABELS) == set(STATED_FIELDS)
    assert set(quality_words.METHOD_LABELS) == set(Method)


def test_every_finding_the_engine_returns_is_worded_whole():
    """Engine-made or stored, a finding reads the same, with every value in place."""
    for _described, result in verdicts():
        for finding in result.findings:
            sentence = words(finding)
            assert sentence == words(finding.to_json())
            assert sentence[-1] in ".:" and "%(" not in sentence, sentence


def test_a_criterion_reads_its_findings_one_after_the_other():
    stored = {
        "code": "method-chosen",
        "status": "at_risk",
        "findings": [
            {"code": "methods_chosen", "values": {"methods": ["deliberative"]}},
            {"code": "methods_too_few", "values": {"minimum": 2}},
        ],
    }
    assert explanation(stored) == (
        "Méthode choisie : processus délibératif représentatif. Il en faut au moins 2."
    )


def test_a_version_stored_before_findings_shows_its_sentence():
    stored = {"code": "budget-stated", "status": "missing", "explanation": "Phrase d'alors."}
    assert explanation(stored) == "Phrase d'alors."


@pytest.mark.parametrize(
    ("values", "text"),
    [
        (
            {"start": "2027-03-01", "days": 0, "min_days": 30},
            "aujourd'hui : moins que les 30 jours",
        ),
        (
            {"start": "2027-03-01", "days": 1, "min_days": 30},
            "dans 1 jour : moins que les 30 jours",
        ),
        ({"start": "2027-03-01", "days": 2, "min_days": 1}, "dans 2 jours : moins que les 1 jour"),
    ],
)
def test_days_take_the_french_plural(values, text):
    """French counts 0 and 1 in the singular; the catalogue's plural forms say so."""
    assert text in words(Finding("lead_time_short", values))


def test_the_commitment_number_keeps_its_no_break_space():
    finding = Finding("commitment_incomplete", {"number": 2, "what": "", "missing": ["who"]})
    assert words(finding) == f"L'engagement n°{NBSP}2 ne précise pas qui répond."


def test_status_and_method_labels_are_french():
    assert [quality_words.status_label(status) for status in Status] == [
        "Satisfait",
        "À risque",
        "Manquant",
    ]
    assert [str(label) for _code, label in METHOD_CHOICES][-2:] == [
        "Budget participatif",
        "Processus délibératif représentatif",
    ]


@pytest.mark.django_db
def test_the_review_shows_stored_findings_and_old_sentences_in_words(client):
    process = complete_process()
    _referent, advisor = walk_to(process, ProcessStatus.UNDER_REVIEW)
    version = process.referral.version
    results = version.precheck["results"]
    assert all("findings" in result and "explanation" not in result for result in results)
    first, second = results[0], results[1]
    worded = explanation(first)
    del second["findings"]
    second["explanation"] = "Une phrase enregistrée avant les codes."
    version.save(update_fields=["precheck"])
    client.force_login(advisor)
    page = client.get(process.referral.get_absolute_url()).content.decode()
    assert escape(worded) in page
    assert escape("Une phrase enregistrée avant les codes.") in page
