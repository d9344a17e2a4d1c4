"""People and their roles: find someone, give or withdraw a role with its reason, read
the history. Open to the platform's administrators and to the CIPC's advisors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concerto.accounts import actions
from concerto.accounts.abilities import may_manage_role
from concerto.accounts.models import Membership, User
from concerto.administration.forms import (
    ADMINISTRATOR,
    BlockForm,
    GrantRoleForm,
    LiftBlockForm,
    PeopleFilterForm,
    RevokeRoleForm,
)
from concerto.administration.views.common import PER_PAGE, breadcrumb, require_manager
from concerto.folding import french_order, matching_words
from concerto.frenchdates import french_date
from concerto.participation.actions import moderation
from concerto.participation.models import Ban
from concerto.processes.views.common import add_errors
from concerto.processes.views.public import paginate


def _memberships():
    return Prefetch(
        "memberships", queryset=Membership.objects.select_related("organisation").order_by("role")
    )


def _staff(users):
    """Without a search, the list shows the people who hold a role: a citizen is found by
    their name or address, not browsed."""
    return users.filter(
        Q(Exists(Membership.objects.filter(user=OuterRef("pk")))) | Q(is_superuser=True)
    )


@require_safe
@login_required
def people(request):
    require_manager(request)
    form = PeopleFilterForm(request.GET or None)
    users = User.objects.prefetch_related(_memberships())
    if form.is_valid():
        data = form.cleaned_data
        users = matching_words(users, data["q"], ("email", "first_name", "last_name"))
        held = {}  # one membership matching both the role and the organisation
        if data["role"] and data["role"] != ADMINISTRATOR:
            held["role"] = data["role"]
        if data["organisation"]:
            held["organisation"] = data["organisation"]
        if data["role"] == ADMINISTRATOR:
            users = users.filter(is_superuser=True)
        if held:
            users = users.filter(Exists(Membership.objects.filter(user=OuterRef("pk"), **held)))
        if not (data["q"].strip() or held or data["role"]):
            users = _staff(users)
    else:
        users = _staff(users)
    page_obj = paginate(request, users.order_by(*french_order("last_name"), "email"), PER_PAGE)
    context = {
        "form": form,
        "page_obj": page_obj,
        "breadcrumb": breadcrumb(_("Personnes et rôles")),
    }
    return render(request, "administration/people.html", context)


def _person_page(request, person: User, **forms):
    memberships = list(person.memberships.select_related("organisation").order_by("role"))
    for membership in memberships:
        membership.revoke_form = forms.get(f"revoke_{membership.pk}") or RevokeRoleForm(
            prefix=f"m{membership.pk}"
        )
        membership.may_revoke = may_manage_role(request.user, membership.role)
    context = {
        "person": person,
        "memberships": memberships,
        "grant_form": forms.get("grant_form") or GrantRoleForm(prefix="grant", actor=request.user),
        "platform_block": Ban.objects.in_force().filter(process=None, user=person).first(),
        "block_form": forms.get("block_form") or BlockForm(prefix="block"),
        "lift_form": forms.get("lift_form") or LiftBlockForm(prefix="lift"),
        "history": person.role_changes.select_related("actor")[:100],
        "breadcrumb": breadcrumb(
            person.get_full_name() or person.email,
            (reverse("administration:people"), _("Personnes et rôles")),
        ),
    }
    return render(request, "administration/person.html", context)


def _person(request, user_id: int) -> User:
    require_manager(request)
    return get_object_or_404(User, pk=user_id)


@require_safe
@login_required
def person(request, user_id: int):
    return _person_page(request, _person(request, user_id))


@require_POST
@login_required
def grant(request, user_id: int):
    person = _person(request, user_id)
    form = GrantRoleForm(request.POST, prefix="grant", actor=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            membership = actions.grant_role(
                actor=request.user, user=person, organisation=data["organisation"],
                role=data["role"], reason=data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s est désormais « %(role)s » — %(organisation)s.")
                % {
                    "name": person.get_full_name() or person.email,
                    "role": membership.get_role_display(),
                    "organisation": membership.organisation.name,
                },
            )
            return redirect("administration:person", user_id=person.pk)
    return _person_page(request, person, grant_form=form)


@require_POST
@login_required
def revoke(request, user_id: int, membership_id: int):
    person = _person(request, user_id)
    membership = Membership.objects.filter(pk=membership_id, user=person).first()
    if membership is None:  # withdrawn meanwhile: say so, change nothing
        messages.info(request, _("Ce rôle a déjà été retiré."))
        return redirect("administration:person", user_id=person.pk)
    form = RevokeRoleForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            actions.revoke_role(
                actor=request.user, membership=membership, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Rôle « %(role)s » retiré — %(organisation)s.")
                % {
                    "role": membership.get_role_display(),
                    "organisation": membership.organisation.name,
                },
            )
            return redirect("administration:person", user_id=person.pk)
    return _person_page(request, person, **{f"revoke_{membership.pk}": form})


@require_POST
@login_required
def block(request, user_id: int):
    person = _person(request, user_id)
    form = BlockForm(request.POST, prefix="block")
    if form.is_valid():
        data = form.cleaned_data
        try:
            ban = moderation.block_user(
                person, actor=request.user, reason=data["reason"], days=data["days"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Contributions bloquées jusqu'au %(day)s ; la personne en est informée.")
                % {"day": french_date(ban.until, "j F Y")},
            )
            return redirect("administration:person", user_id=person.pk)
    return _person_page(request, person, block_form=form)


@require_POST
@login_required
def lift_block(request, user_id: int):
    person = _person(request, user_id)
    form = LiftBlockForm(request.POST, prefix="lift")
    if form.is_valid():
        try:
            moderation.lift_block(person, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Blocage levé ; la personne en est informée."))
            return redirect("administration:person", user_id=person.pk)
    return _person_page(request, person, lift_form=form)
