from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.follows import actions, feed, targets
from concerto.follows.forms import FollowForm, PreferencesForm
from concerto.follows.models import Follow
from concerto.notifications.actions import email_notifications_enabled, set_email_notifications


def _mine(request, *, status=200, error=""):
    follows = list(Follow.objects.filter(user=request.user).order_by("-created_at", "-pk"))
    entries = []
    for one in follows:
        try:
            entries.append((one, targets.resolve(request.user, one.target_kind, one.target_id)))
        except Http404:
            # Withdrawn or no longer visible: still listed, so it can be unfollowed.
            entries.append((one, None))
    context = {"entries": entries, "events": feed.recent_for(request.user), "error": error}
    return render(request, "follows/mine.html", context, status=status)


@require_safe
@login_required
def mine(request):
    return _mine(request)


@require_POST
@login_required
def follow(request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _mine(request, status=400, error=_("Ce bouton ne désigne rien à suivre."))
    kind, target_id = form.cleaned_data["kind"], form.cleaned_data["target_id"]
    if form.cleaned_data["state"] == "on":
        with transaction.atomic():
            actions.follow(request.user, kind, target_id)
        target = targets.resolve(request.user, kind, target_id)
        messages.success(request, _("Vous suivez « %(label)s ».") % {"label": target.label})
    else:
        actions.unfollow(request.user, kind, target_id)
        messages.success(request, _("Vous ne suivez plus cet élément."))
        target = None
    next_url = form.cleaned_data["next"]
    # Back to the page of the button: a path of this site only (a bare word would be
    # read as a view name by redirect()).
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return HttpResponseRedirect(target.url if target else reverse("follows:mine"))


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    current = actions.preferences_of(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            actions.set_preferences(
                request.user,
                auto_follow=form.cleaned_data["auto_follow"],
                frequencies=form.frequencies(),
            )
            set_email_notifications(request.user, enabled=form.cleaned_data["notification_emails"])
            messages.success(request, _("Vos préférences de notification sont enregistrées."))
            return redirect("follows:preferences")
        status = 400
    else:
        form = PreferencesForm(
            initial={
                "auto_follow": current.auto_follow,
                "notification_emails": email_notifications_enabled(request.user),
                **current.frequencies(),
            }
        )
        status = 200
    return render(request, "follows/preferences.html", {"form": form}, status=status)
