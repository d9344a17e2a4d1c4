"""The rooms a lower package leaves for the packages built on it (concerto/hooks.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from concerto.hooks import Hooks, Slot


def test_a_slot_calls_its_function_and_refuses_another():
    slot = Slot("The thing", "No thing: is the app installed?")
    assert slot.is_set is False
    with pytest.raises(ImproperlyConfigured, match="No thing: is the app installed"):
        slot(1)
    slot.set(abs)
    slot.set(abs)  # from a second ready(): harmless
    assert (slot.is_set, slot(-3)) == (True, 3)
    with pytest.raises(ImproperlyConfigured, match="The thing is already set"):
        slot.set(len)
    assert slot(-4) == 4


def test_hooks_keep_each_function_once_in_the_order_added():
    hooks = Hooks()
    for function in (abs, len, abs):
        hooks.add(function)
    assert list(hooks) == [abs, len]
