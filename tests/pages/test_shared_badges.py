"""Badges that say the same thing look the same everywhere: lateness wherever a deadline
passed (includes/late_badge.html), an answer's status wherever an answer is listed
(followup/includes/answer_status_badge.html)."""

import re
from pathlib import Path

from django.template.loader import render_to_string

ROOT = Path(__file__).resolve().parents[2] / "concerto"
BADGE_BY_HAND = re.compile(r'class="fr-badge[^"]*"[^>]*>\s*\{% translate "En retard" %\}')
# Its badge also carries the commitment's id, which the state of each commitment needs.
OWN_MARKUP = {"followup/templates/followup/includes/commitment_state.html"}


def test_every_late_badge_is_the_shared_one():
    written_by_hand = sorted(
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.html")
        if BADGE_BY_HAND.search(path.read_text(encoding="utf-8")) and path.name != "late_badge.html"
    )
    assert written_by_hand == sorted(OWN_MARKUP)


def test_the_shared_badge_is_dsfr_s_small_error_badge_inline():
    assert render_to_string("includes/late_badge.html").strip() == (
        '<span class="fr-badge fr-badge--error fr-badge--sm">En retard</span>'
    )
    assert render_to_string("includes/late_badge.html", {"extra_class": "badge"}).strip() == (
        '<span class="fr-badge fr-badge--error fr-badge--sm badge">En retard</span>'
    )


# The answer's own page heads its decision with a full-size badge, in a group of badges.
ANSWER_OWN_PAGE = {"followup/templates/followup/includes/answer_decision.html"}
ANSWER_STATUS_BY_HAND = re.compile(r'class="fr-badge[^"]*"[^>]*>\s*\{\{ [a-z_.]*status\.label \}\}')


def test_every_answer_status_badge_is_the_shared_one():
    written_by_hand = sorted(
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.html")
        if ANSWER_STATUS_BY_HAND.search(path.read_text(encoding="utf-8"))
        and path.name != "answer_status_badge.html"
    )
    assert written_by_hand == sorted(ANSWER_OWN_PAGE)
