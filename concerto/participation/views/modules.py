from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.formerrors import add_errors, flash_errors
from concerto.participation import actions
from concerto.participation.actions.modules import EDITABLE_FIELDS, edit_limits
from concerto.participation.forms import ModuleEditForm, ModuleForm, MoveForm
from concerto.participation.models import Contribution
from concerto.participation.views.common import organiser_module_for
from concerto.processes.lifecycle import MODULE_EDITABLE_STATUSES
from concerto.processes.views.common import process_for


@require_http_methods(["GET", "POST"])
@login_required
def manage(request, pk: int):
    """The process's participation modules, their figures, and a form to add one."""
    process, abilities = process_for(request, pk, "manage_participation")
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            module = actions.create_module(process, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Module « %(title)s » ajouté.") % {"title": module.title})
            return redirect("participation:modules", pk=pk)
    published = Q(contributions__status=Contribution.Status.PUBLISHED)
    modules = process.modules.order_by("position", "pk").annotate(
        published_count=Count("contributions", filter=published),
        hidden_count=Count(
            "contributions", filter=Q(contributions__status=Contribution.Status.HIDDEN)
        ),
    )
    context = {
        "process": process,
        "abilities": abilities,
        "modules": modules,
        "form": form,
        # An archived process is a record: its modules are shown, no longer changed.
        "manageable": process.status in MODULE_EDITABLE_STATUSES,
        "today": timezone.localdate(),
    }
    return render(request, "participation/modules.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk: int, module_id: int):
    """A module's title, description, kind, dates and settings."""
    module, _abilities = organiser_module_for(request, pk, module_id)
    limits = edit_limits(module)
    initial = {name: getattr(module, name) for name in EDITABLE_FIELDS}
    form = ModuleEditForm(request.POST or None, initial=initial, limits=limits)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.update_module(module, actor=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Module « %(title)s » enregistré.") % {"title": saved.title}
            )
            return redirect("participation:modules", pk=pk)
    context = {"process": module.process, "module": module, "form": form}
    return render(request, "participation/module_edit.html", context)


def _act(request, pk: int, module_id: int, action, success: str, **kwargs):
    """Run one module action from a POST and return to the modules page with its outcome."""
    try:
        module, _abilities = organiser_module_for(request, pk, module_id)
    except Http404:
        # A second click on "Supprimer": the organisers hear it is gone, others get a 404.
        process_for(request, pk, "manage_participation")
        messages.error(request, _("Ce module n'existe plus : il a peut-être déjà été supprimé."))
        return redirect("participation:modules", pk=pk)
    title = module.title
    try:
        action(module, actor=request.user, **kwargs)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, success % {"title": title})
    return redirect("participation:modules", pk=pk)


@require_POST
@login_required
def close(request, pk: int, module_id: int):
    return _act(request, pk, module_id, actions.close_module_early,
                _("Module « %(title)s » clos : il ne reçoit plus de contributions."))  # fmt: skip


@require_POST
@login_required
def unpublish(request, pk: int, module_id: int):
    return _act(request, pk, module_id, actions.set_module_published,
                _("Module « %(title)s » dépublié : le public ne le voit plus."),
                published=False)  # fmt: skip


@require_POST
@login_required
def republish(request, pk: int, module_id: int):
    return _act(request, pk, module_id, actions.set_module_published,
                _("Module « %(title)s » publié de nouveau."), published=True)  # fmt: skip


@require_POST
@login_required
def move(request, pk: int, module_id: int):
    form = MoveForm(request.POST)
    if not form.is_valid():
        organiser_module_for(request, pk, module_id)
        messages.error(request, _("Position inconnue : l'ordre des modules n'a pas changé."))
        return redirect("participation:modules", pk=pk)
    return _act(request, pk, module_id, actions.move_module, _("Module « %(title)s » déplacé."),
                position=form.cleaned_data["position"])  # fmt: skip


@require_POST
@login_required
def delete(request, pk: int, module_id: int):
    return _act(request, pk, module_id, actions.delete_module,
                _("Module « %(title)s » supprimé."))  # fmt: skip
