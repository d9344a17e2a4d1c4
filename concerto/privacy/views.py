import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.privacy.actions import erase_account, personal_data, set_public_name
from concerto.privacy.forms import EraseAccountForm, PublicNameForm
from concerto.privacy.readable import sections


def _my_data(request, *, form=None, name_form=None, status=200):
    user = request.user
    context = {
        "form": form or EraseAccountForm(user=user),
        "name_form": name_form
        or PublicNameForm(
            initial={
                "public_name_choice": user.public_name_choice,
                "public_pseudonym": user.public_pseudonym,
            }
        ),
    }
    return render(request, "privacy/my_data.html", context, status=status)


@require_safe
@login_required
def my_data(request):
    return _my_data(request)


@require_http_methods(["POST"])
@login_required
def public_name(request):
    form = PublicNameForm(request.POST)
    if not form.is_valid():
        return _my_data(request, name_form=form, status=400)
    set_public_name(
        request.user,
        choice=form.cleaned_data["public_name_choice"],
        pseudonym=form.cleaned_data["public_pseudonym"],
    )
    messages.success(
        request,
        _("Vos contributions sont désormais signées « %(name)s » sur les pages publiques.")
        % {"name": request.user.public_name or _("Participant")},
    )
    return redirect("privacy:my_data")


@require_safe
@login_required
def download(request):
    payload = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    filename = f"concerto-mes-donnees-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@login_required
def read(request):
    """The same data as the download, readable in the browser."""
    found = sections(personal_data(request.user))
    return render(request, "privacy/read.html", {"sections": found})


@require_http_methods(["POST"])
@login_required
def erase(request):
    form = EraseAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _my_data(request, form=form, status=400)
    done = erase_account(
        request.user,
        withdraw_open_contributions=form.cleaned_data["withdraw_open_contributions"],
    )
    logout(request)
    request.session["erased"] = {"withdrawn": done["withdrawn"], "anonymised": done["anonymised"]}
    return redirect("privacy:erased")


@require_safe
def erased(request):
    done = request.session.get("erased")
    if done is None:
        return redirect("pages:home")
    return render(request, "privacy/erased.html", {"done": done})
