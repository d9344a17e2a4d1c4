"""Organisers choose the profile questions, set the alert threshold and publish the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.formerrors import add_errors, flash_errors
from concerto.processes.views.common import process_for
from concerto.representativeness import actions
from concerto.representativeness.catalogue import catalogue
from concerto.representativeness.forms import SettingsForm
from concerto.representativeness.models import ProfileSettings


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def settings(request, pk: int):
    process, _abilities = process_for(request, pk, "manage_participation")
    current = ProfileSettings.objects.filter(process=process).first()
    initial = {}
    if current:
        initial = {"questions": current.questions, "alert_percent": current.alert_percent}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.configure_profile(
                process, actor=request.user, questions=form.cleaned_data["questions"],
                alert_percent=form.cleaned_data["alert_percent"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Les questions de profil sont enregistrées."))
            return redirect("representativeness:settings", pk)
    context = {"process": process, "form": form, "catalogue": list(catalogue().values())}
    return render(request, "representativeness/settings.html", context)


@require_POST
@login_required
def publish(request, pk: int):
    process, _abilities = process_for(request, pk, "manage_participation")
    published = request.POST.get("publish") == "1"
    try:
        actions.set_published(process, actor=request.user, published=published)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if published:
            messages.success(request, _("La page de représentativité est publiée."))
        else:
            messages.success(request, _("La page de représentativité n'est plus publique."))
    return redirect(reverse("representativeness:page", args=[process.slug]))
