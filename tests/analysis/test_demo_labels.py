"""Issue 23: the demo's analysis (its 320 real answers, the number of themes left to
the tool) labels its themes with content words only."""

import pytest

from concerto.analysis import actions
from concerto.analysis.sample import load_sample
from concerto.engines.textmining.normalise import STOP_WORDS
from tests.analysis.test_workflow import closed_module
from tests.engines.textmining.test_labels import FORBIDDEN, label_words

pytestmark = pytest.mark.django_db


def test_the_demo_analysis_labels_hold_no_stop_word_nor_light_verb():
    module, organiser = closed_module()
    load_sample(module, entered_by=organiser)
    actions.start_analysis(module, actor=organiser)
    analysis = actions.latest_analysis(module)
    assert analysis.figures["contributions"] == 320
    labels = list(analysis.themes.order_by("-size", "position").values_list("label", flat=True))
    assert len(labels) >= 4
    for label in labels:
        words = set(label_words(label))
        assert not words & (FORBIDDEN | STOP_WORDS), label
