"""The public questionnaire: answer, save and resume, send once; live results."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.clientaddress import client_address
from concerto.formerrors import add_errors
from concerto.frenchdates import french_date
from concerto.participation.actions.common import RateLimited
from concerto.participation.next_steps import after_contribution
from concerto.participation.views.common import RATE_LIMIT_MESSAGE, module_for
from concerto.questionnaires import actions
from concerto.questionnaires.forms import AnswerForm
from concerto.questionnaires.kind import QUESTIONNAIRE
from concerto.questionnaires.models import Answer, QuestionKind, Response
from concerto.questionnaires.results import compute_results


@require_http_methods(["GET", "POST"])
def module(request, slug: str, module_id: int):
    module, abilities = module_for(request, slug, module_id, QUESTIONNAIRE)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    questions = list(module.questions.select_related("condition_question"))
    response = _response_of(module, request.user)
    sent = response is not None and response.status == Response.Status.SUBMITTED
    form = None
    status = 200
    if abilities["contribute"] and request.user.is_authenticated and not sent:
        draft = (
            {answer.question_id: answer.value for answer in response.answers.all()}
            if response
            else {}
        )
        initial = {"idempotency_key": response.idempotency_key} if response else {}
        form = AnswerForm(questions, request.POST or None, answers=draft, initial=initial)
        if request.method == "POST" and form.is_valid():
            result = _act(request, module, form)
            if isinstance(result, HttpResponse):
                return result
            status = result
    elif request.method == "POST" and sent:
        messages.info(request, actions.already_sent_message())
        return redirect(module)
    elif request.method == "POST":
        messages.error(request, _("Ce questionnaire n'accepte pas de réponse en ce moment."))
        return redirect(module)
    show_results = module.results_public or abilities["manage"]
    return render(
        request,
        "questionnaires/module.html",
        {
            "module": module,
            "process": module.process,
            "abilities": abilities,
            "questions": questions,
            "form": form,
            "response": response,
            "sent": sent,
            "sent_answers": _sent_answers(response, questions) if sent else [],
            "results": compute_results(module) if show_results else None,
            "breadcrumb": {
                "id": "breadcrumb",
                "links": [
                    {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
                    {"url": module.process.get_absolute_url(), "title": module.process.title},
                ],
                "current": module.title,
            },
        },
        status=status,
    )


def _act(request, module, form):
    """Save the draft or send the answers: a redirect when done, else the status with which
    to show the form again, with what was typed and the errors."""
    data = form.cleaned_data
    try:
        if request.POST.get("action") == "submit":
            _response, sent = actions.submit_response(
                module,
                participant=request.user,
                answers=form.answers(),
                idempotency_key=data["idempotency_key"],
                address=client_address(request),
            )
            if sent:
                messages.success(request, _("Merci ! Vos réponses ont été envoyées."))
            else:
                messages.info(request, actions.already_sent_message())
        else:
            actions.save_draft(
                module,
                participant=request.user,
                answers=form.answers(),
                idempotency_key=data["idempotency_key"],
            )
            messages.success(
                request,
                _("Vos réponses sont enregistrées. Vous pouvez revenir les compléter et les "
                  "envoyer jusqu'au %(date)s.") % {"date": french_date(module.closes_on, "j F Y")},
            )  # fmt: skip
    except RateLimited:
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return 429
    except ValidationError as error:
        add_errors(form, error)
        return 200
    back = f"{module.get_absolute_url()}#questionnaire"
    if request.POST.get("action") == "submit":
        return after_contribution(request, module.process, back)
    return redirect(back)


def _response_of(module, user) -> Response | None:
    if not user.is_authenticated:
        return None
    return (
        Response.objects.filter(module=module, participant=user)
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("contribution"))
        )
        .first()
    )


def _sent_answers(response: Response, questions) -> list[tuple]:
    """(question, answer text) pairs of a sent response, in the questionnaire's order."""
    by_question = {answer.question_id: answer for answer in response.answers.all()}
    rows = []
    for question in questions:
        answer = by_question.get(question.pk)
        if answer is None:
            continue
        if answer.contribution_id:
            text = answer.contribution.body
        elif isinstance(answer.value, list):
            values = answer.value
            if question.kind == QuestionKind.RANKING:
                values = [f"{rank}. {label}" for rank, label in enumerate(values, start=1)]
            text = ", ".join(values)
        else:
            text = str(answer.value)
        rows.append((question, text))
    return rows
