"""Lists people read are sorted as French sorts words, on both databases: accents and
case set aside first, then the exact text."""

import pytest

from concerto.folding import french_order, french_sort_key
from concerto.processes.models import Theme

pytestmark = pytest.mark.django_db

NAMES = ["Transports", "Énergie", "Économie", "Éducation", "Agriculture", "âge", "Emploi"]
FRENCH = ["âge", "Agriculture", "Économie", "Éducation", "Emploi", "Énergie", "Transports"]
MARK = " (essai)"  # the catalogue of themes already holds some of these names


def test_the_database_sorts_names_as_french_does():
    Theme.objects.bulk_create(
        Theme(name=name + MARK, slug=f"essai-{i}") for i, name in enumerate(NAMES)
    )
    mine = Theme.objects.filter(name__endswith=MARK)
    expected = [name + MARK for name in FRENCH]
    assert list(mine.values_list("name", flat=True)) == expected  # Meta.ordering
    by_hand = mine.order_by(*french_order("name")).values_list("name", flat=True)
    assert list(by_hand) == expected


def test_python_sorts_them_the_same():
    assert sorted(NAMES, key=french_sort_key) == FRENCH
