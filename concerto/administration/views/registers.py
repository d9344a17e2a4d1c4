"""The reference lists' pages: the index, then for each list its rows (search, filters,
sort, pages, CSV of what is shown), a form to add one, to edit one, to delete one."""

import copy
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.activity.models import Entry
from concerto.administration import actions
from concerto.administration.register_forms import DeleteForm, ListFilterForm, ordering, record_form
from concerto.administration.registers import BY_SLUG, REGISTERS, Register
from concerto.administration.views.common import PER_PAGE, breadcrumb, require_manager
from concerto.downloads import csv_download
from concerto.editing import EditConflict
from concerto.folding import fold, matching_words
from concerto.formerrors import add_errors
from concerto.forms import posted_text
from concerto.frenchdates import french_date
from concerto.frenchnumbers import french_number
from concerto.pagination import paginate, query_without_page


def _register(request, slug: str) -> Register:
    require_manager(request)
    register = BY_SLUG.get(slug)
    if register is None:
        raise Http404
    return register


def _list_url(register: Register) -> str:
    return reverse("administration:register", args=[register.slug])


def _crumbs(register: Register | None = None, current: str = "") -> dict:
    parents = [(reverse("administration:registers"), _("Listes de référence"))]
    if register is None:
        return breadcrumb(_("Listes de référence"))
    if current:
        parents.append((_list_url(register), register.title))
        return breadcrumb(current, *parents)
    return breadcrumb(register.title, *parents)


@require_safe
@login_required
def index(request):
    require_manager(request)
    groups: dict[str, list] = {}
    for register in REGISTERS:
        register_count = register.model._default_manager.count()
        groups.setdefault(str(register.group), []).append((register, register_count))
    context = {"groups": groups, "breadcrumb": _crumbs()}
    return render(request, "administration/registers.html", context)


def cell(row, name: str) -> str:
    """A value as a reader expects it: labels, names, French dates and numbers."""
    model_field = row._meta.get_field(name)
    if model_field.choices:
        return str(getattr(row, f"get_{name}_display")())
    value = getattr(row, name)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(model_field, models.DateTimeField):
        return french_date(timezone.localtime(value), "j F Y à G \\h i")
    if isinstance(model_field, models.DateField):
        return french_date(value, "j F Y")
    if isinstance(model_field, models.DecimalField | models.IntegerField):
        return french_number(value)
    return str(value)


def _filtered(request, register: Register):
    form = ListFilterForm(request.GET or None, register=register)
    rows = register.model._default_manager.all()
    sort = ""
    if form.is_valid():
        data = form.cleaned_data
        rows = matching_words(rows, data["q"], register.searched)
        for name in register.filters:
            value = data.get(name)
            if value in (None, ""):
                continue
            if isinstance(register.model._meta.get_field(name), models.BooleanField):
                value = value == "oui"
            rows = rows.filter(**{name: value})
        sort = data["sort"]
    elif form.is_bound:
        rows = rows.none()  # a wrong filter shows its error, not the whole list
    related = [
        name for name in register.columns if register.model._meta.get_field(name).is_relation
    ]
    return form, rows.select_related(*related).order_by(*ordering(register, sort))


@require_safe
@login_required
def register_list(request, register: str):
    register = _register(request, register)
    form, rows = _filtered(request, register)
    page_obj = paginate(request, rows, PER_PAGE)
    context = {
        "register": register,
        "form": form,
        "page_obj": page_obj,
        "headers": [register.label(name) for name in register.columns],
        "lines": [(row, [cell(row, name) for name in register.columns]) for row in page_obj],
        "export_query": query_without_page(request),
        "breadcrumb": _crumbs(register),
    }
    return render(request, "administration/register_list.html", context)


def _header(label: str) -> str:
    """A column name as the CSV files write it: French words, no accent, underscores."""
    return re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")


@require_safe
@login_required
def register_csv(request, register: str):
    register = _register(request, register)
    _form, rows = _filtered(request, register)
    header = ["id", *(_header(register.label(name)) for name in register.columns)]
    lines = ([row.pk, *(cell(row, name) for name in register.columns)]
             for row in rows.iterator(chunk_size=500))  # fmt: skip
    return csv_download(f"{register.slug}.csv", header, lines)


def _history(row) -> list[Entry]:
    kind = ContentType.objects.get_for_model(row)
    return list(
        Entry.objects.filter(target_type=kind, target_id=row.pk).select_related("actor")[:50]
    )


def _form_page(request, register: Register, form, row=None, crumbs=None, delete_form=None):
    if not register.listed:  # the one row of settings is known by its list's name
        title = str(register.title)
    elif row is not None:
        title = str(row)
    else:
        title = _("Ajouter : %(what)s") % {"what": register.singular}
    context = {
        "register": register,
        "form": form,
        "row": row,
        "title": title,
        # A row may be deleted from its page, unless the list is the one row of settings.
        "delete_form": delete_form
        or (DeleteForm(prefix="delete") if row and register.listed else None),
        "history": _history(row) if row is not None else [],
        "breadcrumb": crumbs or _crumbs(register, title),
    }
    return render(request, "administration/register_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def create(request, register: str):
    register = _register(request, register)
    done = actions.created_with(register, posted_text(request.POST, "key")[:64], request.user)
    if done is not None:  # sent twice: its row exists, whatever the form would say now
        return redirect("administration:record", register=register.slug, pk=done.pk)
    form = record_form(register, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = actions.create_record(
                register, form.values(), actor=request.user, reason=data["reason"],
                key=data["key"] or None,
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("« %(row)s » est ajouté.") % {"row": row})
            return redirect("administration:record", register=register.slug, pk=row.pk)
    return _form_page(request, register, form)


def _edit_form(register: Register, row):
    """The row's form as it stands, with the fingerprint a later save is checked against."""
    return record_form(register, instance=row, initial={"seen": actions.fingerprint(register, row)})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit(request, register: str, pk: int):
    register = _register(request, register)
    row = get_object_or_404(register.model, pk=pk)
    done = reverse("administration:record", kwargs={"register": register.slug, "pk": row.pk})
    return edit_row(request, register, row, done=done)


def edit_row(request, register: Register, row, *, done: str, crumbs=None):
    """The row's page, and its save through the named action: refused when someone saved
    it since the form was shown, keeping what was typed."""
    if request.method != "POST":
        return _form_page(request, register, _edit_form(register, row), row, crumbs)
    # The form fills its own copy: `row` stays as stored, for the page's title.
    form = record_form(register, request.POST, instance=copy.copy(row))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_record(
                register, row, form.values(), actor=request.user, reason=data["reason"],
                seen=data["seen"],
            )  # fmt: skip
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
            # The other person's version is what the next save will be compared with.
            form.data = form.data.copy()
            form.data["seen"] = actions.fingerprint(register, register.model.objects.get(pk=row.pk))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect(done)
    return _form_page(request, register, form, row, crumbs)


@require_POST
@login_required
def delete(request, register: str, pk: int):
    register = _register(request, register)
    row = register.model._default_manager.filter(pk=pk).first()
    if row is None:
        messages.info(request, _("Cette fiche a déjà été supprimée."))
        return redirect(_list_url(register))
    form = DeleteForm(request.POST, prefix="delete")
    if form.is_valid():
        try:
            actions.delete_record(
                register, row, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("« %(row)s » est supprimé.") % {"row": row})
            return redirect(_list_url(register))
    return _form_page(request, register, _edit_form(register, row), row, delete_form=form)
