"""Organisers build the information dossier and read the suggested sources."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.dossiers import actions
from concerto.dossiers.forms import DocumentForm
from concerto.dossiers.models import SourceReview
from concerto.dossiers.queries import latest_decision
from concerto.dossiers.views.common import managed_module
from concerto.formerrors import add_errors
from concerto.participation.models import Contribution, ContributionKind


@require_http_methods(["GET", "POST"])
@login_required
def documents(request, pk: int, module_id: int):
    module = managed_module(request, pk, module_id)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.add_document(
                module,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in actions.DOCUMENT_FIELDS},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Document « %s » ajouté au dossier.") % document.title)
            return redirect("dossiers:documents", pk=pk, module_id=module_id)
    suggestions = (
        Contribution.objects.filter(module=module, kind=ContributionKind.SOURCE_SUGGESTION)
        .select_related("author")
        .annotate(decision=latest_decision())
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "dossiers/workspace/documents.html",
        {
            "module": module,
            "process": module.process,
            "documents": module.documents.all(),
            "suggestions": suggestions,
            "decisions": SourceReview.Decision,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk: int, module_id: int, document_id: int):
    module = managed_module(request, pk, module_id)
    document = get_object_or_404(module.documents, pk=document_id)
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_document(
                document,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in actions.DOCUMENT_FIELDS},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Document « %s » modifié.") % document.title)
            return redirect("dossiers:documents", pk=pk, module_id=module_id)
    return render(
        request,
        "dossiers/workspace/edit.html",
        {"module": module, "process": module.process, "document": document, "form": form},
    )


@require_POST
@login_required
def move(request, pk: int, module_id: int, document_id: int):
    module = managed_module(request, pk, module_id)
    document = get_object_or_404(module.documents, pk=document_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    actions.move_document(document, actor=request.user, offset=offset)
    return redirect("dossiers:documents", pk=pk, module_id=module_id)


@require_POST
@login_required
def delete(request, pk: int, module_id: int, document_id: int):
    module = managed_module(request, pk, module_id)
    document = get_object_or_404(module.documents, pk=document_id)
    title = document.title
    actions.delete_document(document, actor=request.user)
    messages.success(request, _("Document « %s » retiré du dossier.") % title)
    return redirect("dossiers:documents", pk=pk, module_id=module_id)


@require_POST
@login_required
def review(request, pk: int, module_id: int, suggestion_id: int):
    """Accept or decline a suggested source: accepted, it becomes public."""
    module = managed_module(request, pk, module_id)
    suggestion = get_object_or_404(
        Contribution, pk=suggestion_id, module=module, kind=ContributionKind.SOURCE_SUGGESTION
    )
    try:
        review = actions.review_suggestion(
            suggestion, actor=request.user, decision=request.POST.get("decision", "")
        )
    except ValidationError:
        messages.error(request, _("Choisissez de retenir ou non cette source."))
    else:
        if review.decision == SourceReview.Decision.ACCEPTED:
            messages.success(request, _("Source retenue : elle est désormais publique."))
        else:
            messages.success(request, _("Source non retenue : elle n'est pas publiée."))
    return redirect(reverse("dossiers:documents", args=[pk, module_id]) + "#suggestions")
