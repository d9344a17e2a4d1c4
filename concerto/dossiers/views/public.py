"""The public information dossier: documents to read, a form to suggest a missing source."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.clientaddress import client_address
from concerto.dossiers import actions
from concerto.dossiers.forms import PseudonymSourceSuggestionForm, SourceSuggestionForm
from concerto.dossiers.kind import DOSSIER
from concerto.formerrors import add_errors
from concerto.participation.actions.common import RateLimited
from concerto.participation.views.common import RATE_LIMIT_MESSAGE, module_for


def breadcrumb(module, current: str | None = None) -> dict:
    links = [
        {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
        {"url": module.process.get_absolute_url(), "title": module.process.title},
    ]
    if current:
        links.append({"url": module.get_absolute_url(), "title": module.title})
    return {"id": "breadcrumb", "links": links, "current": current or module.title}


@require_safe
def module(request, slug: str, module_id: int):
    module, abilities = module_for(request, slug, module_id, DOSSIER)
    documents = list(module.documents.all())
    return render(
        request,
        "dossiers/module.html",
        {
            "module": module,
            "process": module.process,
            "abilities": abilities,
            "documents": documents,
            "contradictory_count": sum(document.contradictory for document in documents),
            "breadcrumb": breadcrumb(module),
        },
    )


@require_safe
def document(request, slug: str, module_id: int, document_id: int):
    module, abilities = module_for(request, slug, module_id, DOSSIER)
    document = get_object_or_404(module.documents, pk=document_id)
    return render(
        request,
        "dossiers/document.html",
        {
            "module": module,
            "process": module.process,
            "abilities": abilities,
            "document": document,
            "breadcrumb": breadcrumb(module, document.title),
        },
    )


@require_http_methods(["GET", "POST"])
def suggest(request, slug: str, module_id: int):
    module, abilities = module_for(request, slug, module_id, DOSSIER)
    signed_in = request.user.is_authenticated
    form_class = SourceSuggestionForm if signed_in else PseudonymSourceSuggestionForm
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and abilities["contribute"] and form.is_valid():
        data = form.cleaned_data
        try:
            _suggestion, created = actions.suggest_source(
                module,
                author=request.user if signed_in else None,
                title=data["title"],
                url=data["url"],
                why=data["why"],
                idempotency_key=data["idempotency_key"],
                address=client_address(request),
                pseudonym=data.get("pseudonym", ""),
            )
        except RateLimited:
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Vous ne pouvez pas contribuer à ce module."))
            status = 403
        else:
            messages.success(
                request,
                _("Merci : votre suggestion de source est transmise aux organisateurs.")
                if created
                else _("Votre suggestion de source avait déjà été enregistrée."),
            )
            return redirect(module)
    return render(
        request,
        "dossiers/suggest.html",
        {
            "module": module,
            "process": module.process,
            "abilities": abilities,
            "form": form,
            "breadcrumb": breadcrumb(module, _("Suggérer une source")),
        },
        status=status,
    )
