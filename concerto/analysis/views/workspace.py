"""The analyst's workspace for one module: run, browse, curate, publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.analysis import actions, curation, providers
from concerto.analysis.abilities import analysis_abilities
from concerto.analysis.forms import (
    MergeForm,
    MoveForm,
    ProviderForm,
    PublishForm,
    RenameForm,
    ReviewForm,
    RunForm,
)
from concerto.analysis.models import Analysis, CampaignGroup, ProviderAccess, Theme
from concerto.analysis.review import publication_review
from concerto.formerrors import add_errors
from concerto.participation.models import Module


def _module(request, pk: int, module_id: int, ability: str = "view"):
    module = get_object_or_404(
        Module.objects.select_related("process"), pk=module_id, process_id=pk
    )
    abilities = analysis_abilities(module, request.user)
    if not abilities["view"]:
        raise Http404
    if not abilities[ability]:
        raise PermissionDenied
    return module, abilities


def _workspace_url(module) -> str:
    return reverse("analysis:workspace", kwargs={"pk": module.process_id, "module_id": module.pk})


@require_safe
@login_required
def index(request, pk: int, module_id: int):
    module, abilities = _module(request, pk, module_id)
    return _render_index(request, module, abilities)


def _sections(analysis) -> list[dict]:
    """Themes grouped by section (the open question they answer, the article of the text
    they are about), in the order of the questionnaire or of the text."""
    sections: dict = {}
    themes = analysis.themes.select_related("question").order_by("-size", "position")
    for theme in themes:
        key = (theme.section_position, theme.section_key)
        section = sections.setdefault(
            key,
            {
                "question": theme.question,
                "label": theme.question.text if theme.question else theme.section_label,
                "slug": theme.section_key.replace(":", "-"),
                "themes": [],
            },
        )
        section["themes"].append(theme)
    return [sections[key] for key in sorted(sections)]


def _render_index(
    request, module, abilities, run_form=None, merge_form=None, provider_form=None, status=200
):
    analysis = actions.latest_analysis(module)
    running = module.analyses.filter(status=Analysis.Status.RUNNING).select_related("job").first()
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "analysis": analysis,
        "running": running,
        "run_form": run_form or RunForm(),
        "merge_form": merge_form or (MergeForm(analysis=analysis) if analysis else None),
        "sections": _sections(analysis) if analysis else [],
        "campaigns": analysis.campaigns.select_related("example")[:30] if analysis else [],
        "synthesis": getattr(module, "synthesis", None),
        "provider_form": provider_form or ProviderForm(),
        "provider_accesses": module.analysis_providers.select_related(
            "user", "granted_by", "revoked_by"
        )
        if abilities["providers"]
        else [],
        "operations": module.analysis_operations.select_related("actor").order_by("-at", "-pk")[
            :50
        ],
    }
    return render(request, "analysis/workspace.html", context, status=status)


@require_POST
@login_required
def run(request, pk: int, module_id: int):
    module, abilities = _module(request, pk, module_id, "run")
    form = RunForm(request.POST)
    if not form.is_valid():
        return _render_index(request, module, abilities, run_form=form, status=400)
    job = actions.start_analysis(module, actor=request.user, n_themes=form.cleaned_data["themes"])
    return redirect("jobs:detail", job_id=job.id)


@require_POST
@login_required
def merge(request, pk: int, module_id: int):
    module, abilities = _module(request, pk, module_id, "curate")
    analysis = actions.latest_analysis(module)
    if analysis is None:
        raise Http404
    form = MergeForm(request.POST, analysis=analysis)
    if form.is_valid():
        try:
            theme = curation.merge_themes(
                analysis,
                list(form.cleaned_data["themes"]),
                actor=request.user,
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Thèmes fusionnés dans « %(label)s ».") % {"label": theme.label}
            )
            return redirect(_workspace_url(module))
    return _render_index(request, module, abilities, merge_form=form, status=400)


def _theme(request, pk, module_id, theme_id, ability="view"):
    module, abilities = _module(request, pk, module_id, ability)
    analysis = actions.latest_analysis(module)
    theme = get_object_or_404(Theme, pk=theme_id, analysis=analysis)
    return module, abilities, theme


def _members(theme):
    return theme.assignments.select_related("contribution", "campaign").order_by(
        "contribution__created_at", "contribution_id"
    )


@require_http_methods(["GET", "POST"])
@login_required
def theme(request, pk: int, module_id: int, theme_id: int):
    module, abilities, theme = _theme(request, pk, module_id, theme_id)
    form = RenameForm(
        request.POST or None, initial={"label": theme.label, "version": theme.version}
    )
    status = 200
    if request.method == "POST":
        if not abilities["curate"]:
            raise PermissionDenied
        if form.is_valid():
            try:
                curation.rename_theme(
                    theme,
                    actor=request.user,
                    label=form.cleaned_data["label"],
                    version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Thème renommé."))
                return redirect(request.path)
        status = 400
    return _render_theme(request, module, abilities, theme, form, None, status)


def _render_theme(request, module, abilities, theme, rename_form, move_form, status=200):
    page = Paginator(_members(theme), 100).get_page(request.GET.get("page"))
    choices = [(a.contribution_id, a.contribution_id) for a in page]
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "theme": theme,
        "page": page,
        "quotes": theme.assignments.filter(contribution_id__in=theme.quotes).select_related(
            "contribution"
        ),
        "rename_form": rename_form,
        "move_form": move_form or MoveForm(theme=theme, choices=choices),
    }
    return render(request, "analysis/theme.html", context, status=status)


@require_POST
@login_required
def move(request, pk: int, module_id: int, theme_id: int):
    module, abilities, theme = _theme(request, pk, module_id, theme_id, "curate")
    choices = [(i, i) for i in theme.assignments.values_list("contribution_id", flat=True)]
    form = MoveForm(request.POST, theme=theme, choices=choices)
    if form.is_valid():
        try:
            target = curation.move_contributions(
                theme.analysis,
                form.cleaned_data["contributions"],
                actor=request.user,
                target=form.cleaned_data["target"],
                new_label=form.cleaned_data["new_label"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Contributions déplacées vers « %(label)s ».") % {"label": target.label}
            )
            if Theme.objects.filter(pk=theme.pk).exists():
                return redirect(request.path.rsplit("deplacement/", 1)[0])
            return redirect(_workspace_url(module))
    rename = RenameForm(initial={"label": theme.label, "version": theme.version})
    return _render_theme(request, module, abilities, theme, rename, form, status=400)


@require_POST
@login_required
def review(request, pk: int, module_id: int, campaign_id: int):
    module, abilities = _module(request, pk, module_id, "curate")
    campaign = get_object_or_404(CampaignGroup, pk=campaign_id, analysis__module=module)
    form = ReviewForm(request.POST)
    if form.is_valid():
        curation.review_campaign(campaign, actor=request.user, review=form.cleaned_data["review"])
        messages.success(
            request, _("Campagne : %(review)s.") % {"review": campaign.get_review_display()}
        )
    return redirect(_workspace_url(module) + "#campagnes")


@require_http_methods(["GET", "POST"])
@login_required
def publish(request, pk: int, module_id: int):
    """The review before publication: what is still automatic or unexamined, and a
    confirmation to tick; publishing without it is refused."""
    module, abilities = _module(request, pk, module_id, "publish")
    analysis = actions.latest_analysis(module)
    if analysis is None:
        raise Http404
    form = PublishForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                synthesis = actions.publish_synthesis(
                    analysis, actor=request.user, reviewed=form.cleaned_data["confirm"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Synthèse publiée."))
                return redirect(synthesis.get_absolute_url())
        status = 400
    context = {
        "module": module,
        "process": module.process,
        "analysis": analysis,
        "review": publication_review(analysis),
        "synthesis": getattr(module, "synthesis", None),
        "form": form,
    }
    return render(request, "analysis/publish.html", context, status=status)


@require_POST
@login_required
def grant_provider(request, pk: int, module_id: int):
    module, abilities = _module(request, pk, module_id, "providers")
    form = ProviderForm(request.POST)
    if form.is_valid():
        try:
            access = providers.grant_provider(
                module, actor=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s a accès à l'analyse.") % {"name": access.user.get_full_name()},
            )
            return redirect(_workspace_url(module) + "#prestataires")
    return _render_index(request, module, abilities, provider_form=form, status=400)


@require_POST
@login_required
def revoke_provider(request, pk: int, module_id: int, access_id: int):
    module, abilities = _module(request, pk, module_id, "providers")
    access = get_object_or_404(ProviderAccess, pk=access_id, module=module)
    providers.revoke_provider(access, actor=request.user)
    messages.success(request, _("Accès du prestataire retiré."))
    return redirect(_workspace_url(module) + "#prestataires")
