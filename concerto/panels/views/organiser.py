"""The organiser's side: create a panel, import the pool, set quotas, compute, draw,
replace, publish. Views parse and authorise; actions do the work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.downloads import csv_download
from concerto.formerrors import add_errors, flash_errors
from concerto.jobs.views import owned_job
from concerto.panels import actions
from concerto.panels.forms import (
    CsvForm,
    LotteryForm,
    PanelForm,
    QuotasForm,
    SeedForm,
)
from concerto.panels.models import Panel, PoolMember
from concerto.processes.views.common import process_for
from concerto.staffaccess import record_staff_access

ABILITY = "manage_participation"
POOL_HELP = (
    "Une ligne par personne : une colonne par catégorie (par exemple genre, âge), "
    "une colonne d'identifiant facultative (« pool_member_identifier » ou « id »), "
    "une colonne « foyer » pour la règle des foyers. Séparateur virgule ou point-virgule."
)
QUOTAS_HELP = "Colonnes « category,feature,min,max » : une ligne par valeur de catégorie."


def _panel(request, pk: int, panel_id: int) -> Panel:
    process, _abilities = process_for(request, pk, ABILITY)
    panel = get_object_or_404(Panel, pk=panel_id, process=process)
    panel.process = process
    return panel


def _breadcrumb(process, current: str, panel: Panel | None = None) -> dict:
    links = [
        {"url": reverse("processes:workspace_list"), "title": _("Mes dispositifs")},
        {"url": process.get_workspace_url(), "title": process.title},
        {"url": reverse("panels:list", args=[process.pk]), "title": _("Panels tirés au sort")},
    ]
    if panel is not None:
        links.append({"url": panel.get_manage_url(), "title": panel.name})
    return {"id": "breadcrumb", "links": links, "current": current}


@require_safe
@login_required
def panel_list(request, pk: int):
    process, _abilities = process_for(request, pk, ABILITY)
    context = {
        "process": process,
        "panels": process.panels.all(),
        "breadcrumb": _breadcrumb(process, _("Panels tirés au sort")),
    }
    return render(request, "panels/organiser/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def create(request, pk: int):
    process, _abilities = process_for(request, pk, ABILITY)
    form = PanelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            panel = actions.create_panel(process, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Le panel est créé : importez maintenant le vivier."))
            return redirect(panel.get_manage_url())
    context = {
        "process": process,
        "form": form,
        "title": _("Créer un panel tiré au sort"),
        "breadcrumb": _breadcrumb(process, _("Créer un panel")),
    }
    return render(request, "panels/organiser/form.html", context)


@require_safe
@login_required
def detail(request, pk: int, panel_id: int):
    return _detail_page(request, _panel(request, pk, panel_id))


def _detail_page(request, panel: Panel, **forms):
    """The panel's page; a refused step shows it again with its form as sent."""
    members = list(panel.pool.all())
    if members:
        record_staff_access(request, "vivier de panel", panel)
    probabilities = panel.result or {}
    rows = [(m, probabilities.get(m.token)) for m in members]
    context = {
        "panel": panel,
        "process": panel.process,
        "quotas": panel.quotas.all(),
        "rows": rows,
        "categories": sorted(panel.pool_counts),
        "panel_members": [m for m in members if m.in_panel or m.status == "declined"],
        "free_seats": panel.size - sum(m.in_panel for m in members),
        "registered_count": sum(m.invitation_id is not None for m in members),
        "draws": panel.draws.all(),
        "lottery_form": LotteryForm(prefix="lottery"),
        "seed_form": SeedForm(prefix="seed"),
        "pending_replacement": actions.pending_replacement(panel),
        "replacement_lottery_form": LotteryForm(prefix="replacement-lottery"),
        "replacement_form": SeedForm(prefix="replacement"),
        "breadcrumb": _breadcrumb(panel.process, panel.name),
    } | forms
    return render(request, "panels/organiser/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def import_pool(request, pk: int, panel_id: int):
    """The file is checked and stored by a background job; this page then shows the
    job's progress and, once it is finished, its outcome (`?tache=<job>`)."""
    panel = _panel(request, pk, panel_id)
    form = CsvForm(request.POST or None, request.FILES or None, help_text=_(POOL_HELP))
    if request.method == "POST" and form.is_valid():
        try:
            job = actions.start_pool_import(
                panel, actor=request.user, data=form.cleaned_data["file"],
                filename=request.FILES["file"].name,
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            url = reverse("panels:import_pool", args=[pk, panel.pk])
            return redirect(f"{url}?tache={job.id}#job")
    context = {
        "panel": panel,
        "form": form,
        "job": owned_job(request, request.GET.get("tache", "")),
        "title": _("Importer le vivier"),
        "breadcrumb": _breadcrumb(panel.process, _("Importer le vivier"), panel),
    }
    return render(request, "panels/organiser/import.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def quotas(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    quota_list = panel.quotas.all()
    importing = request.method == "POST" and "import" in request.POST
    form = QuotasForm(
        request.POST if request.method == "POST" and not importing else None,
        quotas=quota_list,
        pool_counts=panel.pool_counts,
    )
    import_form = CsvForm(
        request.POST if importing else None,
        request.FILES if importing else None,
        help_text=_(QUOTAS_HELP),
        prefix="quotas",
    )
    if importing and import_form.is_valid():
        try:
            actions.import_quotas(panel, actor=request.user, data=import_form.cleaned_data["file"])
        except ValidationError as error:
            add_errors(import_form, error)
        else:
            messages.success(request, _("Les quotas sont importés."))
            return redirect(panel.get_manage_url())
    elif request.method == "POST" and not importing and form.is_valid():
        try:
            actions.update_quotas(panel, actor=request.user, bounds=form.bounds())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Les quotas sont enregistrés."))
            return redirect(panel.get_manage_url())
    context = {
        "panel": panel,
        "form": form,
        "import_form": import_form,
        "title": _("Définir les quotas"),
        "breadcrumb": _breadcrumb(panel.process, _("Quotas"), panel),
    }
    return render(request, "panels/organiser/quotas.html", context)


@require_POST
@login_required
def compute(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    try:
        job = actions.start_computation(panel, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(panel.get_manage_url())
    return redirect(reverse("jobs:detail", args=[job.id]))


def _form_step(request, panel: Panel, form, name: str, act, *, anchor: str):
    """A step sent with a form (lottery, seed): `act(cleaned_data)` does it and returns
    the success message; a refusal shows the panel's page again with the form as sent."""
    if form.is_valid():
        try:
            message = act(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(panel.get_manage_url() + anchor)
    return _detail_page(request, panel, **{name: form})


@require_POST
@login_required
def publish_lottery(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)

    def act(data):
        actions.publish_lottery(panel, actor=request.user, announcement=data["announcement"])
        return _("La loterie est publiée : la graine peut maintenant être tirée.")

    form = LotteryForm(request.POST, prefix="lottery")
    return _form_step(request, panel, form, "lottery_form", act, anchor="#graine")


@require_POST
@login_required
def seed(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)

    def act(data):
        actions.fix_seed(panel, actor=request.user, seed=data["seed"], origin=data["origin"])
        return _("La graine est fixée.")

    form = SeedForm(request.POST, prefix="seed")
    return _form_step(request, panel, form, "seed_form", act, anchor="#graine")


@require_POST
@login_required
def draw(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    try:
        result = actions.draw_panel(panel, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("Tirage effectué : ticket n° %(number)d.") % {"number": result.number}
        )
    return redirect(panel.get_manage_url())


@require_POST
@login_required
def decline(request, pk: int, panel_id: int, member_id: int):
    panel = _panel(request, pk, panel_id)
    member = get_object_or_404(PoolMember, pk=member_id, panel=panel)
    member.panel = panel
    try:
        actions.decline(member, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("Désistement de %(id)s enregistré.") % {"id": member.external_id}
        )
    return redirect(panel.get_manage_url() + "#membres")


@require_POST
@login_required
def publish_replacement_lottery(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)

    def act(data):
        actions.publish_replacement_lottery(
            panel, actor=request.user, announcement=data["announcement"]
        )
        return _("La loterie de remplacement est publiée : sa graine peut maintenant être tirée.")

    form = LotteryForm(request.POST, prefix="replacement-lottery")
    return _form_step(request, panel, form, "replacement_lottery_form", act, anchor="#remplacement")


@require_POST
@login_required
def replace(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)

    def act(data):
        draw = actions.draw_replacement(
            panel, actor=request.user, seed=data["seed"], origin=data["origin"]
        )
        return _("Tirage de remplacement effectué : ticket n° %(number)d.") % {
            "number": draw.number
        }

    form = SeedForm(request.POST, prefix="replacement")
    return _form_step(request, panel, form, "replacement_form", act, anchor="#membres")


@require_POST
@login_required
def publish(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    try:
        actions.publish_panel(panel, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(panel.get_manage_url())
    messages.success(request, _("Le panel est publié."))
    return redirect(panel.get_absolute_url())


@require_safe
@login_required
def export_codes(request, pk: int, panel_id: int):
    """Each volunteer's tirage code, for the letters that tell them how to find themself
    in the published lottery. Given only once the lottery is published: before, a new
    pool import would change the codes."""
    panel = _panel(request, pk, panel_id)
    if not panel.lottery_published_at:
        messages.error(
            request,
            _("Les codes de tirage sont donnés une fois la loterie publiée : avant, un nouvel "
              "import du vivier les changerait."),
        )  # fmt: skip
        return redirect(panel.get_manage_url() + "#graine")
    record_staff_access(request, "codes de tirage de panel", panel)
    return csv_download(
        f"panel-{panel.pk}-codes-de-tirage.csv",
        ["identifiant", "code_tirage"],
        ([member.external_id, member.token] for member in panel.pool.order_by("pk")),
    )
