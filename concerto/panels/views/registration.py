"""Public registration: a volunteer who received an invitation joins the pool."""

import secrets

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.formerrors import add_errors
from concerto.panels import recruitment
from concerto.panels.forms import RegistrationForm
from concerto.panels.models import Panel
from concerto.processes.models import Process


def _panel(slug: str, panel_id: int) -> Panel:
    process = get_object_or_404(Process.objects.published(), slug=slug)
    panel = get_object_or_404(Panel, pk=panel_id, process=process)
    panel.process = process
    return panel


def _breadcrumb(panel: Panel, current: str) -> dict:
    return {
        "id": "breadcrumb",
        "links": [
            {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
            {"url": panel.process.get_absolute_url(), "title": panel.process.title},
        ],
        "current": current,
    }


def _code_key(panel: Panel) -> str:
    return f"panel-{panel.pk}-tirage-code"


@require_http_methods(["GET", "POST"])
def register(request, slug: str, panel_id: int, code: str = ""):
    panel = _panel(slug, panel_id)
    categories = list(panel.categories.all())
    is_open = panel.registration_open and bool(categories)
    form = RegistrationForm(
        request.POST if request.method == "POST" and is_open else None,
        initial={"code": code, "key": secrets.token_urlsafe(24)},
        panel=panel,
        categories=categories,
    )
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        try:
            member = recruitment.register(
                panel, code=data["code"], values=form.values(), consent=data["consent"],
                household=data.get("household", ""), key=data["key"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            # Shown on the next page: the code that finds them in the published lottery.
            request.session[_code_key(panel)] = member.token
            return redirect(reverse("panels:registered", args=[slug, panel.pk]))
    context = {
        "panel": panel,
        "process": panel.process,
        "form": form,
        "is_open": is_open,
        "breadcrumb": _breadcrumb(panel, _("Inscription")),
    }
    return render(request, "panels/registration/form.html", context)


@require_safe
def registered(request, slug: str, panel_id: int):
    panel = _panel(slug, panel_id)
    if not panel.categories.exists():
        raise Http404
    context = {
        "panel": panel,
        "process": panel.process,
        # Shown once: on a shared computer, the next person does not read it.
        "tirage_code": request.session.pop(_code_key(panel), None),
        "breadcrumb": _breadcrumb(panel, _("Inscription enregistrée")),
    }
    return render(request, "panels/registration/done.html", context)
