"""A participant's registrations: register, cancel, survey, certificate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.downloads import pdf_download
from concerto.formerrors import add_errors
from concerto.trainings import actions
from concerto.trainings.abilities import registration_abilities
from concerto.trainings.certificate import certificate_number, certificate_pdf
from concerto.trainings.forms import SurveyForm
from concerto.trainings.models import Registration, Session


@require_POST
@login_required
def register(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("training"), pk=pk)
    try:
        registration = actions.register(session, user=request.user)
    except PermissionDenied:
        messages.error(request, _("L'inscription à cette session n'est pas ouverte."))
        return redirect(session.training.get_absolute_url())
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("Votre inscription est confirmée."))
    else:
        messages.info(
            request,
            _(
                "La session est complète : vous êtes sur la liste d'attente. Vous serez inscrit "
                "automatiquement et prévenu dès qu'une place se libère."
            ),
        )
    return redirect("trainings:mine")


@require_POST
@login_required
def cancel(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk, user=request.user)
    try:
        actions.cancel_registration(registration, actor=request.user)
    except PermissionDenied:
        messages.error(request, _("Cette inscription ne peut plus être annulée."))
    else:
        messages.success(request, _("Votre inscription est annulée."))
    return redirect("trainings:mine")


@require_safe
@login_required
def mine(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("session__training", "survey")
        .order_by("-session__starts_at")
    )
    rows = [
        {"registration": r, "abilities": registration_abilities(r, request.user)}
        for r in registrations
    ]
    return render(request, "trainings/mine.html", {"rows": rows})


def _own_registration(request, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("session__training", "user"), pk=pk
    )


@require_http_methods(["GET", "POST"])
@login_required
def survey(request, pk: int):
    registration = _own_registration(request, pk)
    if not registration_abilities(registration, request.user)["answer_survey"]:
        raise PermissionDenied
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_survey(registration, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Merci pour votre avis."))
            return redirect("trainings:mine")
    return render(request, "trainings/survey.html", {"form": form, "registration": registration})


@require_safe
@login_required
def certificate(request, pk: int):
    registration = _own_registration(request, pk)
    if not registration_abilities(registration, request.user)["download_certificate"]:
        raise PermissionDenied
    filename = f"attestation-{certificate_number(registration)}.pdf"
    return pdf_download(filename, certificate_pdf(registration))
