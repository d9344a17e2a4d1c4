"""The organisers' module actions: edit, close early, unpublish, reorder, delete."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.frenchdates import french_date
from concerto.participation.actions import (
    close_module_early,
    create_module,
    delete_module,
    move_module,
    set_module_published,
    update_module,
)
from concerto.participation.models import Contribution, ContributionKind, Module
from concerto.processes.actions import archive_process
from concerto.processes.models import Transition
from tests.factories import open_module, user_with_role
from tests.processes.helpers import finished_process

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def state(process) -> tuple:
    """Every module of `process` as stored, and the process's journal."""
    modules = [model_to_dict(module) for module in Module.objects.filter(process=process)]
    journal = list(Transition.objects.filter(process=process).values_list("action", "reason"))
    return modules, journal


def contribute(module) -> Contribution:
    return Contribution.objects.create(
        module=module, kind=ContributionKind.CONTRIBUTION, author=user_with_role(Role.CITIZEN),
        body="Plus de pistes.",
    )  # fmt: skip


def second_module(module, title="Les propositions"):
    return create_module(
        module.process, actor=module.process.project_lead, kind="proposals", title=title,
        opens_on=module.opens_on, closes_on=module.closes_on,
    )  # fmt: skip


def last_entry(process) -> tuple:
    return Transition.objects.filter(process=process).values_list("action", "reason").last()


def test_modules_are_numbered_in_the_order_they_are_added():
    module, _lead = open_module("questionnaire", title="Le questionnaire")
    second = second_module(module)
    assert (module.position, second.position) == (1, 2)
    assert not Transition.objects.filter(process=module.process, action__endswith="_module")


def test_update_module_changes_title_dates_and_settings_and_logs_what_changed():
    module, lead = open_module("questionnaire", title="Le questionnaire")
    closes = TODAY() + timedelta(days=60)
    update_module(module, actor=lead, fields={
        "title": "  Votre avis  ", "closes_on": closes, "results_public": True,
        "description": module.description,
    })  # fmt: skip
    module.refresh_from_db()
    assert (module.title, module.closes_on, module.results_public) == ("Votre avis", closes, True)
    assert last_entry(module.process) == (
        "update_module",
        "« Votre avis » : titre, clôture, résultats publics",
    )


def test_saving_the_same_values_twice_logs_one_line():
    module, lead = open_module("questionnaire", title="Le questionnaire")
    fields = {"title": "Votre avis", "closes_on": TODAY() + timedelta(days=60)}
    update_module(module, actor=lead, fields=fields)
    update_module(module, actor=lead, fields=fields)
    actions = Transition.objects.filter(process=module.process, action="update_module")
    assert actions.count() == 1


def test_kind_and_retroactive_dates_are_refused_once_citizens_took_part():
    module, lead = open_module("proposals", title="Les propositions")
    contribute(module)
    before = state(module.process)
    with pytest.raises(ValidationError) as error:
        update_module(module, actor=lead, fields={
            "kind": "questionnaire", "closes_on": TODAY() - timedelta(days=1),
            "opens_on": TODAY() + timedelta(days=1), "title": "Autre titre",
        })  # fmt: skip
    assert set(error.value.message_dict) == {"kind", "closes_on", "opens_on"}
    assert error.value.message_dict["kind"] == [
        "Le type ne peut plus changer : ce module a déjà reçu 1 participation."
    ]
    assert state(module.process) == before


def test_without_participation_the_kind_and_dates_may_change():
    module, lead = open_module("proposals", title="Les propositions")
    update_module(module, actor=lead, fields={"kind": "questionnaire",
                                              "opens_on": TODAY() + timedelta(days=3)})  # fmt: skip
    module.refresh_from_db()
    assert (module.kind, module.opens_on) == ("questionnaire", TODAY() + timedelta(days=3))


def test_closing_before_opening_and_a_blank_title_are_refused():
    module, lead = open_module("questionnaire")
    before = state(module.process)
    with pytest.raises(ValidationError) as error:
        update_module(module, actor=lead, fields={"closes_on": module.opens_on - timedelta(1)})
    assert error.value.message_dict == {"closes_on": ["La clôture doit suivre l'ouverture."]}
    with pytest.raises(ValidationError) as error:
        update_module(module, actor=lead, fields={"title": " \u200b "})
    assert error.value.message_dict == {"title": ["Donnez un titre au module."]}
    assert state(module.process) == before


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.CIPC_ADVISOR, "other_agent"])
def test_only_the_process_organisers_manage_its_modules(role):
    module, _lead = open_module("questionnaire")
    second_module(module)
    user = user_with_role(Role.AGENT) if role == "other_agent" else user_with_role(role)
    before = state(module.process)
    attempts = [
        lambda: update_module(module, actor=user, fields={"title": "Piraté"}),
        lambda: close_module_early(module, actor=user),
        lambda: set_module_published(module, actor=user, published=False),
        lambda: move_module(module, actor=user, position=2),
        lambda: delete_module(module, actor=user),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert state(module.process) == before


def test_the_ministry_referent_manages_modules_too():
    module, _lead = open_module("questionnaire", title="Le questionnaire")
    referent = user_with_role(Role.REFERENT, organisation=module.process.ministry)
    update_module(module, actor=referent, fields={"title": "Votre avis"})
    assert Module.objects.get(pk=module.pk).title == "Votre avis"


def test_close_early_stops_contributions_once():
    module, lead = open_module("proposals", title="Les propositions")
    assert module.is_open()
    close_module_early(module, actor=lead)
    module.refresh_from_db()
    assert (module.closed_early_on, module.is_open()) == (TODAY(), False)
    assert last_entry(module.process) == ("close_module", "« Les propositions »")
    before = state(module.process)
    with pytest.raises(ValidationError) as error:
        close_module_early(module, actor=lead)  # the double submit
    assert error.value.messages == [
        f"Ce module est déjà clos depuis le {french_date(TODAY(), 'j F Y')}."
    ]
    assert state(module.process) == before


def test_a_module_not_yet_open_is_not_closed_early():
    module, lead = open_module("proposals", opens_on=TODAY() + timedelta(days=2))
    before = state(module.process)
    with pytest.raises(ValidationError):
        close_module_early(module, actor=lead)
    assert state(module.process) == before


def test_unpublish_hides_the_module_and_closes_it_to_contributions():
    module, lead = open_module("proposals", title="Les propositions")
    set_module_published(module, actor=lead, published=False)
    module.refresh_from_db()
    citizen = user_with_role(Role.CITIZEN)
    assert (module.published, module.is_open()) == (False, False)
    assert module.get_abilities(citizen)["view"] is False
    assert module.get_abilities(lead)["view"] is True
    assert last_entry(module.process) == ("unpublish_module", "« Les propositions »")
    before = state(module.process)
    with pytest.raises(ValidationError) as error:
        set_module_published(module, actor=lead, published=False)
    assert error.value.messages == ["Ce module est déjà dépublié."]
    assert state(module.process) == before
    set_module_published(module, actor=lead, published=True)
    module.refresh_from_db()
    assert (module.published, module.is_open()) == (True, True)


def test_move_puts_the_module_at_the_position_and_a_double_submit_moves_once():
    first, lead = open_module("questionnaire", title="A")
    second = second_module(first, "B")
    third = second_module(first, "C")
    move_module(third, actor=lead, position=1)
    move_module(third, actor=lead, position=1)
    order = list(first.process.modules.order_by("position").values_list("title", "position"))
    assert order == [("C", 1), ("A", 2), ("B", 3)]
    moves = Transition.objects.filter(process=first.process, action="move_module")
    assert list(moves.values_list("reason", flat=True)) == ["« C » : position 1"]
    move_module(second, actor=lead, position=99)
    order = list(first.process.modules.order_by("position").values_list("title", flat=True))
    assert order == ["C", "A", "B"]


def test_delete_removes_an_empty_module_and_logs_it():
    module, lead = open_module("questionnaire", title="Le questionnaire")
    process = module.process
    delete_module(module, actor=lead)
    assert not Module.objects.filter(pk=module.pk).exists()
    assert last_entry(process) == ("delete_module", "« Le questionnaire »")
    with pytest.raises(ValidationError) as error:
        delete_module(module, actor=lead)  # the double submit
    assert error.value.messages == ["Ce module n'existe plus : il a peut-être déjà été supprimé."]
    assert Transition.objects.filter(process=process, action="delete_module").count() == 1


def test_a_module_with_contributions_is_never_deleted():
    module, lead = open_module("proposals", title="Les propositions")
    contribute(module)
    before = state(module.process)
    with pytest.raises(ValidationError) as error:
        delete_module(module, actor=lead)
    assert error.value.messages == [
        "Le module « Les propositions » a déjà reçu 1 participation : il ne peut pas être "
        "supprimé. Dépubliez-le ou clôturez-le plutôt."
    ]
    assert state(module.process) == before
    assert Contribution.objects.filter(module=module).count() == 1


def test_the_modules_of_an_archived_process_no_longer_change():
    finished = finished_process(n_citizens=1)
    archive_process(finished.process, actor=finished.referent)
    module = finished.module
    module.refresh_from_db()
    before = state(module.process)
    with pytest.raises(ValidationError) as error:
        update_module(module, actor=finished.referent, fields={"title": "Autre"})
    assert error.value.messages == ["Ce dispositif est archivé : ses modules ne changent plus."]
    assert state(module.process) == before
