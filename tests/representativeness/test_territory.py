"""The département question, its shapes, and the map's statuses read from published cells."""

import json
import re
from html import unescape

import numpy as np
from django.urls import reverse

from concerto.participation.profile_questions import profile_questions
from concerto.representativeness import actions
from concerto.representativeness.catalogue import DATA_FILE, catalogue
from concerto.representativeness.forms import ProfileAnswersForm
from concerto.representativeness.tables import Row, question_table
from concerto.representativeness.territory import departement_map, shapes, status
from tests.representativeness.conftest import citizens

OVERSEAS = ["971", "972", "973", "974", "976"]


def _departements():
    return catalogue()["departement"]


def _map(counts: dict[str, int], threshold: float = 0.8):
    question = _departements()
    codes = [c.code for c in question.categories]
    true = np.zeros(len(codes), dtype=np.int64)
    for code, n in counts.items():
        true[codes.index(code)] = n
    return departement_map(question_table(question, true, threshold=threshold), threshold)


def _by_code(found):
    return {a.row.code: (a.row.count, a.row.share_pct, a.status) for a in found.areas}


def test_the_question_lists_101_departements_the_com_and_abroad():
    question = _departements()
    codes = [c.code for c in question.categories]
    metro = [f"{n:02d}" for n in range(1, 96) if n != 20]
    assert codes == metro[:19] + ["2A", "2B"] + metro[19:] + OVERSEAS + ["com", "99"]
    assert len(codes) == 103 and len(set(codes)) == 103
    labels = {c.code: c.label for c in question.categories}
    assert (labels["29"], labels["2A"], labels["974"], labels["com"], labels["99"]) == (
        "Finistère", "Corse-du-Sud", "La Réunion", "Collectivité d'outre-mer",
        "Je réside hors de France",
    )  # fmt: skip
    assert question.prompt == "Dans quel département habitez-vous ?"


def test_references_are_the_populations_municipales_summed_by_departement():
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    entry = next(q for q in raw["questions"] if q["key"] == "departement")
    assert (entry["unit"], entry["year"], entry["confidence"]) == ("inhabitants", 2023, "good")
    assert "Mayotte" in entry["note"] and "2017" in entry["note"]
    references = {c["code"]: c["reference"] for c in entry["categories"]}
    assert references["75"] == 2103778
    assert references["976"] == 256518  # Mayotte: census of 2017
    assert references["99"] is None  # asked, counted, never compared
    # France without Mayotte, as INSEE published it for 1 January 2023: 68,094,000.
    without = sum(v for code, v in references.items() if code not in ("976", "com", "99"))
    assert without == 68094280
    shares = _departements().shares()
    assert len(shares) == 102 and abs(sum(shares.values()) - 1) < 1e-12


def test_departement_codes_are_those_of_the_participant_profile():
    # The account-level profile asks the catalogue's own question: one list of codes.
    assert profile_questions()["departement"] == _departements()


def test_every_metropolitan_departement_has_a_shape_and_no_other():
    drawn = shapes()["shapes"]
    codes = [c.code for c in _departements().categories]
    assert sorted(drawn) == sorted(codes[:96])
    assert shapes()["viewBox"] == "0 0 613 585"
    # Reduced paths: relative moves with at most one decimal, closed subpaths.
    for path in drawn.values():
        assert re.fullmatch(r"(m[-0-9., ]+z)+", path)
        assert not re.search(r"\.\d\d", path)


def test_map_statuses_come_from_published_cells():
    found = _map({"75": 12, "59": 10, "33": 378, "29": 3})
    areas = _by_code(found)
    assert areas["33"] == (378, 93.8, "over")  # 93.8 % for 2.5 % of the population
    assert areas["75"] == (12, 3.0, "close")  # 3.0 % for 3.1 %
    assert areas["59"] == (10, 2.5, "under")  # 2.5 % for 3.8 %: under 80 % of it
    assert areas["29"] == (None, None, "masked")  # 3, under k
    assert areas["01"] == (None, None, "masked")  # 0, under k as well
    assert len(found.areas) == 102  # 96 shapes, 5 overseas squares, the COM square
    assert found.counts() == {"under": 1, "close": 1, "over": 1, "masked": 99}
    assert (found.threshold_pct, found.over_pct) == (80, 125)
    assert [a.row.code for a in found.zoomed] == ["75", "92", "93", "94"]
    squares = {a.row.code: a.square for a in found.areas if a.square}
    assert list(squares) == OVERSEAS + ["com"]
    assert squares["971"] == (6, 332, 34) and squares["com"] == (6, 542, 34)


def test_a_cell_suppressed_by_difference_is_masked_on_the_map():
    """With every other département at zero, showing Nord's 10 would reveal that all the
    hidden ones are zeros: the engine hides Nord too, and the map never sees its 10."""
    areas = _by_code(_map({"75": 12, "59": 10, "33": 378}))
    assert areas["59"] == (None, None, "masked")
    assert areas["75"] == (12, 3.0, "close") and areas["33"] == (378, 94.5, "over")


def test_status_thresholds_follow_the_organisers_alert_percent():
    def row(share, reference=0.04, count=20):
        return Row("29", "Finistère", count, share, reference, None, False)

    assert status(row(0.0319), 0.8) == "under"
    assert status(row(0.032), 0.8) == "close"
    assert status(row(0.0499), 0.8) == "close"
    assert status(row(0.05), 0.8) == "over"  # 1.25 = 1 / 0.8
    assert status(row(0.05), 0.5) == "close"  # at 50 %, over from twice the share
    assert status(row(0.08), 0.5) == "over"
    assert status(row(None, count=None), 0.8) == "masked"


def test_the_departement_question_renders_as_a_select_list():
    form = ProfileAnswersForm(questions=["gender", "departement"])
    html = str(form)
    assert form.fields["departement"].widget.input_type == "select"
    assert form.fields["gender"].widget.input_type == "radio"
    select = re.search(r'<select name="departement"[^>]*>(.*?)</select>', html, re.S)
    assert 'class="fr-select"' in select.group(0)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))
    assert len(options) == 104
    assert options[0] == ("", "Je préfère ne pas répondre")
    assert options[30] == ("29", "Finistère") and options[-1] == ("99", "Je réside hors de France")
    bound = ProfileAnswersForm({"departement": "2A"}, questions=["departement"])
    assert bound.is_valid() and bound.answers() == {"departement": "2A"}


def test_the_page_draws_the_map_after_the_departement_table(client, proposals):
    module, organiser = proposals
    process = module.process
    actions.configure_profile(
        process, actor=organiser, questions=["gender", "departement"], alert_percent=80
    )
    # Finistère's 2 keep the zeros from being known as zeros: nothing else is hidden.
    for index, citizen in enumerate(citizens(24)):
        code = "75" if index < 12 else "33" if index < 22 else "29"
        actions.answer_profile(process, user=citizen, answers={"departement": code})
    client.force_login(organiser)
    html = client.get(reverse("representativeness:page", args=[process.slug])).content.decode()
    assert html.index('id="question-departement"') < html.index('id="carte-departements"')
    svg = re.search(r"<svg class=\"repmap\" role=\"img\".*?</svg>", html, re.S).group(0)
    assert 'aria-labelledby="carte-departements-nom carte-departements-resume"' in svg
    assert (
        "Départements sous-représentés : 0 ; proches de leur part dans la population : 0 ; "
        "sur-représentés : 2 ; à l'effectif masqué : 100."
    ) in svg
    statuses = {code: state for state, code in re.findall(
        r'class="repmap__area repmap--(\w+)" data-departement="(\w+)"', svg
    )}  # fmt: skip
    assert len(statuses) == 96
    assert (statuses["75"], statuses["33"], statuses["29"]) == ("over", "over", "masked")
    assert "<title>Paris (75) : sur-représenté — part 50,0 % (population : 3,1 %)</title>" in svg
    assert "<title>Finistère (29) : effectif masqué</title>" in svg
    assert svg.count('<rect class="repmap__area repmap--masked"') == 6  # overseas and COM
    table = re.search(r'id="carte-departements-tableau".*?</table>', html, re.S).group(0)
    rows = re.findall(r'<tr data-departement="(\w+)">(.*?)</tr>', table, re.S)
    assert len(rows) == 102
    cells = {
        code: [unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for code, row in rows
    }
    assert cells["33"] == ["Gironde (33)", "10", "41,7", "2,5", "39,2", "sur-représenté"]
    assert cells["com"] == ["Collectivité d'outre-mer", "masqué", "—", "0,9", "—",
                            "effectif masqué"]  # fmt: skip
    assert "Victor Cazanave" in html and "CC BY 4.0" in html


def test_no_map_without_the_departement_question(client, configured):
    module, organiser = configured
    client.force_login(organiser)
    html = client.get(reverse("representativeness:page", args=[module.process.slug]))
    assert 'id="carte-departements"' not in html.content.decode()
