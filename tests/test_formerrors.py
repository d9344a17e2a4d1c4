"""concerto.formerrors shows an action's ValidationError: on the form, next to the fields
it names (above the form for a field the form lacks), or as flash messages."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import RequestFactory

from concerto.formerrors import add_errors, error_messages, flash_errors


class NoteForm(forms.Form):
    title = forms.CharField()
    author = forms.CharField()


def bound_form() -> NoteForm:
    form = NoteForm({"title": "Titre", "author": "Camille"})
    assert form.is_valid()
    return form


def test_messages_go_next_to_the_fields_they_name():
    form = bound_form()
    add_errors(form, ValidationError({"title": ["Trop court.", "Déjà pris."]}))
    assert form.errors == {"title": ["Trop court.", "Déjà pris."]}
    assert "title" not in form.cleaned_data


def test_a_field_the_form_lacks_goes_above_the_form():
    form = bound_form()
    add_errors(form, ValidationError({"body": "Vide.", NON_FIELD_ERRORS: "Fermé."}))
    assert form.non_field_errors() == ["Vide.", "Fermé."]


def test_aliases_name_the_field_showing_the_value():
    form = bound_form()
    add_errors(form, ValidationError({"pseudonym": "Pris."}), aliases={"pseudonym": "author"})
    assert form.errors == {"author": ["Pris."]}


def test_a_plain_error_goes_above_the_form():
    form = bound_form()
    add_errors(form, ValidationError(["Un.", "Deux."]))
    assert form.non_field_errors() == ["Un.", "Deux."]


def test_flash_errors_shows_every_message():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    error = ValidationError({"title": "Trop court.", NON_FIELD_ERRORS: "Fermé."})
    flash_errors(request, error)
    assert [str(m) for m in get_messages(request)] == error_messages(error)
    assert sorted(error_messages(error)) == ["Fermé.", "Trop court."]
