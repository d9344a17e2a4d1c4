"""The community of agents: thin views over concerto.community.actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.community import actions
from concerto.community.abilities import community_abilities, is_member
from concerto.community.forms import ProfileForm, PromoteForm, QuestionForm, ReplyForm
from concerto.community.models import AgentProfile, Event, Question, Reply


def members_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _crumbs(current, *links) -> dict:
    home = {"url": reverse("community:home"), "title": _("Communauté des agents")}
    return {"id": "breadcrumb", "links": [home, *links], "current": current}


@members_only
def home(request):
    questions = Question.objects.select_related("author").annotate(reply_count=Count("replies"))
    return render(
        request,
        "community/home.html",
        {
            "questions": questions[:20],
            "events": Event.objects.upcoming()[:5],
            "abilities": community_abilities(request.user),
        },
    )


@members_only
def directory(request):
    profiles = (
        AgentProfile.objects.listed()
        .select_related("user", "ministry")
        .prefetch_related("processes")
    )
    return render(
        request,
        "community/directory.html",
        {"profiles": profiles, "breadcrumb": _crumbs(_("Annuaire des agents"))},
    )


@members_only
@require_http_methods(["GET", "POST"])
def profile(request):
    existing = AgentProfile.objects.filter(user=request.user).first()
    initial = {}
    if existing:
        initial = {name: getattr(existing, name) for name in actions.PROFILE_FIELDS}
        initial["processes"] = list(existing.processes.all())
    form = ProfileForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        processes = data.pop("processes")
        actions.update_profile(actor=request.user, fields=data, processes=processes)
        messages.success(request, _("Votre fiche est enregistrée."))
        return redirect("community:directory")
    return render(
        request,
        "community/profile.html",
        {"form": form, "breadcrumb": _crumbs(_("Ma fiche dans l'annuaire"))},
    )


@members_only
@require_http_methods(["GET", "POST"])
def ask(request):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = actions.ask_question(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Votre question est publiée dans la communauté."))
        return redirect(question)
    return render(
        request,
        "community/ask.html",
        {"form": form, "breadcrumb": _crumbs(_("Poser une question"))},
    )


@members_only
@require_http_methods(["GET", "POST"])
def question(request, pk: int):
    question = get_object_or_404(
        Question.objects.select_related("author", "theme", "faq_entry"), pk=pk
    )
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reply(question, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre réponse est publiée."))
            return redirect(question)
    abilities = question.get_abilities(request.user)
    return render(
        request,
        "community/question.html",
        {
            "question": question,
            "replies": question.replies.select_related("author"),
            "form": form,
            "promote_form": PromoteForm(initial={"theme": question.theme}),
            "abilities": abilities,
            "breadcrumb": _crumbs(question.title),
        },
    )


@members_only
@require_POST
def accept(request, pk: int):
    reply = get_object_or_404(Reply.objects.select_related("question"), pk=pk)
    actions.accept_reply(reply, actor=request.user)
    messages.success(request, _("La réponse est marquée comme acceptée."))
    return redirect(reply.question)


@members_only
@require_POST
def promote(request, pk: int):
    question = get_object_or_404(Question, pk=pk)
    form = PromoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez le thème de la FAQ où classer la question."))
        return redirect(question)
    entry = actions.promote_to_faq(question, actor=request.user, theme=form.cleaned_data["theme"])
    messages.success(request, _("La question et sa réponse figurent désormais dans la FAQ."))
    return redirect(entry.url)


@members_only
def events(request):
    return render(
        request,
        "community/events.html",
        {"events": Event.objects.upcoming(), "breadcrumb": _crumbs(_("Événements"))},
    )
