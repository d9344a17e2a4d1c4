"""The personal-data page renders its forms with the State's design system, like every
other form: a field without DSFR classes is invisible (no border, no background)."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_erase_form_fields_are_dsfr_fields(client):
    client.force_login(UserFactory())
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 200
    email = re.search(r'<input[^>]*name="email"[^>]*>', response.text).group(0)
    assert 'class="fr-input"' in email
    assert "required" in email
    label = re.search(r'<label[^>]*for="id_email"[^>]*>', response.text).group(0)
    assert 'class="fr-label"' in label
    checkbox = r'<div class="fr-checkbox-group[^"]*">\s*<input type="checkbox" name="withdraw_open'
    assert re.search(checkbox, response.text)


def test_the_public_name_form_fields_are_dsfr_fields(client):
    client.force_login(UserFactory())
    response = client.get(reverse("privacy:my_data"))
    pseudonym = re.search(r'<input[^>]*name="public_pseudonym"[^>]*>', response.text).group(0)
    assert 'class="fr-input"' in pseudonym
