"""People and their roles: find someone, give or withdraw a role with its reason, read
the history. Open to the platform's administrators and to the CIPC's advisors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.accounts import actions, invitation
from concerto.accounts.abilities import may_manage_role
from concerto.accounts.models import Membership, User
from concerto.administration.forms import (
    ADMINISTRATOR,
    BlockForm,
    GrantRoleForm,
    InviteForm,
    LiftBlockForm,
    PeopleFilterForm,
    RevokeRoleForm,
)
from concerto.administration.views.common import PER_PAGE, breadcrumb, require_manager
from concerto.downloads import csv_download
from concerto.folding import french_order, matching_words
from concerto.formerrors import add_errors
from concerto.frenchdates import french_date
from concerto.pagination import paginate, query_without_page
from concerto.participation.actions import moderation
from concerto.participation.models import Ban
from concerto.staffaccess import record_staff_access


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


SORTS = {
    "inscription": ("-date_joined", "-pk"),
    "connexion": (F("last_login").desc(nulls_last=True), "-pk"),
}


def _people(request):
    """The people the list's filters keep, in the order asked, and the form."""
    form = PeopleFilterForm(request.GET or None)
    users = User.objects.prefetch_related(_memberships())
    data = form.cleaned_data if form.is_valid() else {}
    users = matching_words(users, data.get("q", ""), ("email", "first_name", "last_name"))
    held = {}  # one membership matching both the role and the organisation
    role = data.get("role")
    if role and role != ADMINISTRATOR:
        held["role"] = role
    if data.get("organisation"):
        held["organisation"] = data["organisation"]
    if role == ADMINISTRATOR:
        users = users.filter(is_superuser=True)
    if held:
        users = users.filter(Exists(Membership.objects.filter(user=OuterRef("pk"), **held)))
    if not (data.get("q", "").strip() or held or role):
        users = _staff(users)
    if form.is_bound and not form.is_valid():
        users = users.none()  # a wrong filter shows its error, not everyone
    order = SORTS.get(data.get("sort", ""), (*french_order("last_name"), "email"))
    return form, users.order_by(*order)


@require_safe
@login_required
def people(request):
    require_manager(request)
    form, users = _people(request)
    context = {
        "form": form,
        "page_obj": paginate(request, users, PER_PAGE),
        "export_query": query_without_page(request),
        "breadcrumb": breadcrumb(_("Personnes et rôles")),
    }
    return render(request, "administration/people.html", context)


CSV_HEADER = ["nom", "adresse_electronique", "roles", "administrateur", "inscrite_le",
              "derniere_connexion"]  # fmt: skip


@require_safe
@login_required
def people_csv(request):
    """The staff the list shows, with their roles: personal data, so the download is
    logged with the filters it was made with."""
    require_manager(request)
    _form, users = _people(request)
    # Role holders only, whatever the search: a citizen is found one by one on the page,
    # never exported in bulk (a search for « @ » would match every account).
    users = _staff(users)
    record_staff_access(request, _("Personnes et rôles"), request.GET.urlencode() or _("tout"))
    yes, no = _("oui"), _("non")

    def row(person):
        roles = " ; ".join(
            f"{membership.get_role_display()} — {membership.organisation.name}"
            for membership in person.memberships.all()
        )
        return [
            person.get_full_name(), person.email, roles, yes if person.is_superuser else no,
            f"{timezone.localtime(person.date_joined):%Y-%m-%d}",
            f"{timezone.localtime(person.last_login):%Y-%m-%d}" if person.last_login else "",
        ]  # fmt: skip

    rows = (row(person) for person in users.iterator(chunk_size=200))
    return csv_download(f"personnes-{timezone.localdate():%Y-%m-%d}.csv", CSV_HEADER, rows)


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


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def invite(request):
    """Someone with no account yet gets one with the role, and an e-mail to get in."""
    require_manager(request)
    form = InviteForm(request.POST or None, actor=request.user)
    existing = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, sent = invitation.invite_person(
                actor=request.user, email=data["email"], first_name=data["first_name"],
                last_name=data["last_name"], organisation=data["organisation"],
                role=data["role"], reason=data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            email = data["email"]  # add_errors takes the field out of cleaned_data
            add_errors(form, error)
            # The address has an account: its page is where to give the role.
            existing = User.objects.filter(email__iexact=email).first()
        else:
            if sent:
                messages.success(
                    request,
                    _("Invitation envoyée à %(email)s : le lien pour choisir un mot de passe "
                      "est valable trois jours.") % {"email": person.email},
                )  # fmt: skip
            else:  # the same form sent twice
                messages.info(
                    request,
                    _("Une invitation avec ce rôle a déjà été envoyée à %(email)s : elle "
                      "n'est pas renvoyée.") % {"email": person.email},
                )  # fmt: skip
            return redirect("administration:person", user_id=person.pk)
    context = {
        "form": form,
        "existing": existing,
        "breadcrumb": breadcrumb(
            _("Inviter une personne"), (reverse("administration:people"), _("Personnes et rôles"))
        ),
    }
    return render(request, "administration/invite.html", context)


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
