"""Charts draw under the French locale: their SVG numbers are written for the browser,
the numbers people read are written in French (issue 24)."""

from django.template.loader import render_to_string
from django.utils import translation

from concerto.evaluation.figures import Dataset
from tests.charts.geometry import bad_geometry, svg_geometry


def test_the_geometry_check_catches_a_french_decimal():
    html = '<p>37,5 %</p><svg viewBox="0 0 1 1"><rect width="50,0%" x="0"/></svg>'
    assert bad_geometry(html) == [("rect", "width", "50,0%")]
    assert bad_geometry('<svg><circle cx="1 000" cy="3.5" r="2"/></svg>') == [
        ("circle", "cx", "1 000")
    ]


def test_a_bar_chart_keeps_french_numbers_for_people():
    data = Dataset(slug="essai", title="Essai", columns=["Ministère", "Taux"],
                   rows=[["Santé", 37.5], ["Culture", 1250]])  # fmt: skip
    with translation.override("fr"):
        html = render_to_string("evaluation/includes/bar_chart.html", {"dataset": data, "level": 2})
    assert bad_geometry(html) == []
    widths = [v for t, n, v in svg_geometry(html) if t == "rect" and n == "width"]
    assert widths == ["1.5%", "50.0%"]
    # The value printed beside each bar is for people: a French decimal comma.
    assert ">37,5<" in html
