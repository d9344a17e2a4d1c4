from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.participation import actions
from concerto.participation.forms import ModuleForm
from concerto.participation.models import Contribution
from concerto.processes.views.common import add_errors, process_for


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
    modules = process.modules.annotate(
        published_count=Count("contributions", filter=published),
        hidden_count=Count(
            "contributions", filter=Q(contributions__status=Contribution.Status.HIDDEN)
        ),
    )
    context = {"process": process, "abilities": abilities, "modules": modules, "form": form}
    return render(request, "participation/modules.html", context)
