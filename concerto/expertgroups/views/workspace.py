"""The expert groups' workspace: groups, shared notes, comparison, drafting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.editing import EditConflict
from concerto.evaluation import indicators
from concerto.expertgroups import actions
from concerto.expertgroups.abilities import can_create_group, group_abilities, is_cipc, may_study
from concerto.expertgroups.comparison import compare
from concerto.expertgroups.forms import (
    CommentForm,
    DraftEditForm,
    DraftForm,
    GroupForm,
    NoteForm,
)
from concerto.expertgroups.models import Draft, ExpertGroup, ProcessNote
from concerto.folding import french_order
from concerto.formerrors import add_errors, flash_errors
from concerto.participation.models import Contribution
from concerto.processes.models import Process

CONTRIBUTIONS_SHOWN = 200


def group_for(request, slug: str, ability: str = "view") -> tuple[ExpertGroup, dict]:
    group = get_object_or_404(ExpertGroup, slug=slug)
    abilities = group_abilities(group, request.user)
    if not abilities["view"]:
        raise Http404
    if not abilities[ability]:
        raise PermissionDenied
    return group, abilities


@require_safe
@login_required
def group_list(request):
    groups = ExpertGroup.objects.all()
    if not is_cipc(request.user):
        groups = groups.filter(memberships__user=request.user)
    return render(request, "expertgroups/list.html", {
        "groups": groups.distinct(), "can_create": can_create_group(request.user),
    })  # fmt: skip


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def group_form(request, slug: str | None = None):
    group = None
    if slug is not None:
        group, _abilities = group_for(request, slug, "manage")
    elif not can_create_group(request.user):
        raise PermissionDenied
    initial = {}
    if group is not None:
        initial = {name: getattr(group, name)
                   for name in ("name", "mandate", "calendar", "starts_on", "ends_on")}  # fmt: skip
        initial["members"] = list(group.members.all())
        initial["processes"] = list(group.processes.all())
    form = GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            group = actions.save_group(
                actor=request.user, fields=form.group_fields(), group=group,
                members=form.cleaned_data["members"], processes=form.cleaned_data["processes"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Groupe d'experts enregistré."))
            return redirect(group.get_absolute_url())
    return render(request, "expertgroups/group_form.html", {"form": form, "group": group})


@require_safe
@login_required
def workspace(request, slug: str):
    group, abilities = group_for(request, slug)
    processes = group.processes.select_related("ministry", "referral__opinion").order_by(
        *french_order("title")
    )
    context = {
        "group": group,
        "abilities": abilities,
        "members": group.members.order_by("last_name"),
        "calendar": [line for line in group.calendar.splitlines() if line.strip()],
        "comparison": compare(processes),
        "drafts": group.drafts.order_by("-updated_at"),
        "draft_form": DraftForm(),
    }
    return render(request, "expertgroups/workspace.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def process_data(request, slug: str, pk: int):
    group, abilities = group_for(request, slug)
    process = get_object_or_404(Process.objects.select_related("ministry"), pk=pk)
    if not may_study(group, process, request.user):
        raise Http404
    note = ProcessNote.objects.filter(group=group, process=process).first()
    revision = note.revision if note else 0
    form = NoteForm(request.POST or None, initial={"body": note.body if note else "",
                                                   "revision": revision})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_note(group, process, actor=request.user, body=form.cleaned_data["body"],
                              expected_revision=form.cleaned_data["revision"])  # fmt: skip
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Notes enregistrées."))
            return redirect("expertgroups:process", slug, pk)
    # Anonymised: the text and how it came, never who wrote it.
    contributions = (
        Contribution.objects.published()
        .filter(module__process=process)
        .only("title", "body", "kind", "channel", "created_at")
        .order_by("created_at", "pk")
    )
    context = {
        "group": group,
        "process": process,
        "form": form,
        "note": note,
        "contributions": contributions[:CONTRIBUTIONS_SHOWN],
        "contribution_count": contributions.count(),
        "channels": indicators.channels(process),
        "representativeness": indicators.representativeness(process),
    }
    return render(request, "expertgroups/process.html", context)


@require_POST
@login_required
def create_draft(request, slug: str):
    group, _abilities = group_for(request, slug, "write")
    form = DraftForm(request.POST)
    if form.is_valid():
        try:
            draft = actions.create_draft(group, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Texte créé."))
            return redirect(draft.get_absolute_url())
    return render(request, "expertgroups/draft_new.html", {"group": group, "form": form},
                  status=400)  # fmt: skip


def _draft(request, slug: str, pk: int, ability: str = "view"):
    group, abilities = group_for(request, slug, ability)
    draft = get_object_or_404(Draft, group=group, pk=pk)
    return group, abilities, draft


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def draft(request, slug: str, pk: int):
    group, abilities, draft = _draft(request, slug, pk)
    form = DraftEditForm(request.POST or None, initial={
        "title": draft.title, "body": draft.body, "revision": draft.revision})  # fmt: skip
    if request.method == "POST":
        if not abilities["write"]:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.edit_draft(draft, actor=request.user, title=form.cleaned_data["title"],
                                   body=form.cleaned_data["body"],
                                   expected_revision=form.cleaned_data["revision"])  # fmt: skip
            except EditConflict as conflict:
                form.add_error(None, str(conflict))
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Nouvelle version enregistrée."))
                return redirect(draft.get_absolute_url())
    context = {
        "group": group,
        "abilities": abilities,
        "draft": draft,
        "form": form,
        "comment_form": CommentForm(prefix="comment"),
        "versions": draft.versions.select_related("author"),
        "comments": draft.comments.select_related("author"),
    }
    return render(request, "expertgroups/draft.html", context)


@require_POST
@login_required
def comment(request, slug: str, pk: int):
    _group, _abilities, draft = _draft(request, slug, pk, "write")
    form = CommentForm(request.POST, prefix="comment")
    if form.is_valid():
        actions.comment_draft(draft, actor=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Commentaire ajouté."))
    else:
        messages.error(request, _("Écrivez votre commentaire."))
    return redirect("expertgroups:draft", slug, pk)


@require_POST
@login_required
def publish(request, slug: str, pk: int):
    _group, _abilities, draft = _draft(request, slug, pk, "publish")
    try:
        draft = actions.publish_recommendation(draft, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("expertgroups:draft", slug, pk)
    messages.success(
        request,
        _("Recommandation n° %(number)s transmise au gouvernement.") % {"number": draft.number},
    )
    return redirect(draft.get_absolute_url())


def expert_processes(user):
    """Processes an expert may open: those of their groups and those given to evaluate."""
    return (
        Process.objects.filter(
            Q(expert_groups__memberships__user=user) | Q(evaluator_grants__expert=user)
        )
        .distinct()
        .order_by(*french_order("title"))
    )
