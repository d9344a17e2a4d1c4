from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto import pagecache
from concerto.followup.counts import STATE
from concerto.followup.queries import latest_answers, state_follow_up
from concerto.pages.accessibility import checks
from concerto.pages.navigation import ACCOUNT_PAGES, MAIN_MENU, STATUTORY_PAGES
from concerto.participation.models import HiddenReason
from concerto.privacy.register import REGISTER
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from concerto.processes.scopes import REGISTRY

HOME_ANSWERS = 3
HOME_FOLLOW_UP_KEY = "home:follow-up"
HOME_FOLLOW_UP_SECONDS = 300
HOME_OPEN_PROCESSES = 6


def _home_scopes(**_address) -> list[str]:
    """The home page shows the registry's open processes and the State's follow-up."""
    return [REGISTRY, STATE]


@require_safe
@pagecache.for_visitors(_home_scopes)
def home(request):
    open_list_url = f"{reverse('processes:public_list')}?status={Status.OPEN}"
    audiences = [
        {
            "title": _("Citoyennes et citoyens"),
            "text": _(
                "Trouver les démarches ouvertes, s'informer, contribuer, et savoir ce que "
                "l'État a fait de chaque contribution."
            ),
            "link": _("Participer à un dispositif ouvert"),
            "url": open_list_url,
        },
        {
            "title": _("Agents publics"),
            "text": _(
                "Apprendre la méthode, déclarer un dispositif, saisir le CIPC avant son "
                "lancement et publier les suites données."
            ),
            "link": _("Apprendre la méthode"),
            "url": reverse("resources:home"),
        },
        {
            "title": _("Centre interministériel de la participation citoyenne"),
            "text": _(
                "Examiner les saisines, rendre des avis, accompagner les ministères et "
                "suivre le devoir de suite dans tout l'État."
            ),
            "link": _("Être accompagné par le CIPC"),
            "url": reverse("support:offer"),
        },
    ]
    published = Process.objects.published()
    open_now = published.filter(status=Status.OPEN)
    context = {
        "audiences": audiences,
        # Closing soonest first: the ones a citizen could miss.
        "open_processes": open_now.select_related("ministry").order_by(
            F("participation_end").asc(nulls_last=True), "-published_at", "pk"
        )[:HOME_OPEN_PROCESSES],
        "open_count": open_now.count(),
        "published_count": published.count(),
        "open_list_url": open_list_url,
        # The State-wide figure counts every published contribution: computed once for
        # every server and visitor for a few minutes, like the latest answers beside it.
        **cache.get_or_set(HOME_FOLLOW_UP_KEY, home_follow_up, HOME_FOLLOW_UP_SECONDS),
    }
    return render(request, "pages/home.html", context)


def home_follow_up() -> dict:
    return {"follow_up": state_follow_up(), "latest_answers": latest_answers(HOME_ANSWERS)}


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html", {"checks": checks()})


@require_safe
def charter(request):
    """The participation charter; its moderation reasons are the ones moderators choose
    from, so that the page and the practice never differ."""
    return render(request, "pages/charter.html", {"hidden_reasons": HiddenReason.choices})


@require_safe
def legal_notice(request):
    return render(request, "pages/legal_notice.html")


@require_safe
def personal_data(request):
    return render(request, "pages/personal_data.html", {"register": REGISTER})


@require_safe
def sitemap(request):
    sections = [
        (_("Navigation"), MAIN_MENU),
        (_("Compte"), ACCOUNT_PAGES),
        (_("Informations"), STATUTORY_PAGES),
    ]
    return render(request, "pages/sitemap.html", {"sections": sections})


def security_contact() -> str:
    """Where to report a flaw, as a URI: an address becomes a mailto: link."""
    contact = settings.SECURITY_CONTACT
    return contact if ":" in contact else f"mailto:{contact}"


@require_safe
def security(request):
    context = {"contact": settings.SECURITY_CONTACT, "contact_uri": security_contact()}
    return render(request, "pages/security.html", context)


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): who to tell of a flaw, valid one year from now."""
    expires = (timezone.now() + timedelta(days=365)).astimezone(UTC)
    site = settings.SITE_URL.rstrip("/")
    lines = [
        f"Contact: {security_contact()}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fr, en",
        f"Policy: {site}{reverse('pages:security')}",
        f"Canonical: {site}{reverse('pages:security_txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired or cookie-less form, said in words a person can act on."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    # Rendered without the request's context processors: the database may be the failure.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
