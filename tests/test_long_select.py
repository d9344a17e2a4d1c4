"""concerto.forms.LongSelect writes the same select as Django's, without a template per
option."""

import re

from django import forms

from concerto.forms import LongSelect

CHOICES = [("", "Tous les thèmes"), (1, "Mobilité (31 contributions)"), (2, "<b>Énergie</b> & co")]


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_it_writes_what_django_writes_selected_option_and_escaping_included():
    for value in ("", 2, None):
        ours = LongSelect(choices=CHOICES, attrs={"class": "fr-select"}).render("theme", value)
        django = forms.Select(choices=CHOICES, attrs={"class": "fr-select"}).render("theme", value)
        assert squeezed(str(ours)) == squeezed(str(django))
    ours = LongSelect(choices=CHOICES).render("theme", 2)
    assert '<option value="2" selected>&lt;b&gt;Énergie&lt;/b&gt; &amp; co</option>' in ours
    assert ours.count(" selected") == 1
