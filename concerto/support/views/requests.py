"""Support requests: filing one, the list, one request and its named transitions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.downloads import csv_download
from concerto.folding import matching_words
from concerto.formerrors import add_errors
from concerto.pagination import paginate, query_without_page
from concerto.support import actions, forms
from concerto.support.abilities import may_request, request_abilities
from concerto.support.models import SupportRequest


@require_http_methods(["GET", "POST"])
@login_required
def create(request):
    if not may_request(request.user):
        raise PermissionDenied
    form = forms.RequestForm(
        request.POST or None,
        processes=actions.requestable_processes(request.user),
        ministries=actions.requestable_ministries(request.user),
        initial={"process": request.GET.get("dispositif")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            support_request = actions.submit_request(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Votre demande est transmise au CIPC."))
            return redirect(support_request)
    return render(request, "support/create.html", {"form": form})


def _listed(request):
    form = forms.ListFilterForm(request.GET or None)
    support_requests = SupportRequest.objects.visible_to(request.user).select_related(
        "ministry", "advisor", "requester"
    )
    if form.is_valid():
        data = form.cleaned_data
        support_requests = matching_words(
            support_requests, data["q"], ("title", "ministry__name", "ministry__short_name")
        )
        if data["status"]:
            support_requests = support_requests.filter(status=data["status"])
        if data["mine"]:
            support_requests = support_requests.filter(advisor=request.user)
    elif form.is_bound:
        support_requests = support_requests.none()  # a wrong filter shows its error
    return form, support_requests.order_by("-created_at", "-pk")


@require_safe
@login_required
def request_list(request):
    form, support_requests = _listed(request)
    context = {
        "form": form,
        "page_obj": paginate(request, support_requests, 50),
        "export_query": query_without_page(request),
    }
    return render(request, "support/list.html", context)


CSV_HEADER = ["demande", "ministere", "formule", "etat", "conseiller", "recue_le"]


@require_safe
@login_required
def request_list_csv(request):
    _form, support_requests = _listed(request)
    rows = (
        [item.title, item.ministry.name,
         (item.get_formula_display() if item.formula else item.get_formula_requested_display()),
         item.get_status_display(),
         item.advisor.get_full_name() or item.advisor.email if item.advisor else "",
         f"{timezone.localtime(item.created_at):%Y-%m-%d}"]
        for item in support_requests.iterator(chunk_size=200)
    )  # fmt: skip
    return csv_download("demandes-accompagnement.csv", CSV_HEADER, rows)


# Each transition: its ability, form, action, the action's keyword for the form's
# data, and the confirmation shown.
TRANSITIONS = {
    "accepter": ("accept", forms.MessageForm, actions.accept_request,
                 gettext_lazy("Demande acceptée.")),
    "orienter": ("redirect_to_coaching", forms.RedirectForm, actions.redirect_to_coaching,
                 gettext_lazy("Demande orientée vers le coaching léger.")),
    "decliner": ("decline", forms.DeclineForm, actions.decline_request,
                 gettext_lazy("Demande déclinée.")),
    "conseiller": ("assign", forms.AssignForm, actions.assign_advisor,
                   gettext_lazy("Conseiller désigné.")),
    "jalon": ("plan", forms.MilestoneForm, actions.add_milestone, gettext_lazy("Jalon ajouté.")),
    "note": ("note", forms.NoteForm, actions.add_note, gettext_lazy("Note ajoutée.")),
    "cloture": ("close", forms.CloseForm, actions.close_request,
                gettext_lazy("Accompagnement clôturé.")),
    "avis": ("answer_survey", forms.SurveyForm, actions.answer_survey,
             gettext_lazy("Merci pour votre avis.")),
}  # fmt: skip


def _form(slug: str, data=None):
    _ability, form_class, _action, _done = TRANSITIONS[slug]
    kwargs = {"advisors": actions.cipc_advisors()} if form_class is forms.AssignForm else {}
    return form_class(data, prefix=slug, **kwargs)


def _visible(request, pk: int) -> SupportRequest:
    support_request = get_object_or_404(
        SupportRequest.objects.select_related("ministry", "process", "requester", "advisor"),
        pk=pk,
    )
    if not request_abilities(support_request, request.user)["view"]:
        raise Http404
    return support_request


def _detail(request, support_request, bound: dict | None = None, status: int = 200):
    abilities = request_abilities(support_request, request.user)
    bound = bound or {}
    action_forms = {
        slug: bound.get(slug) or _form(slug)
        for slug, (ability, *_rest) in TRANSITIONS.items()
        if abilities[ability]
    }
    context = {
        "support_request": support_request,
        "abilities": abilities,
        "forms": action_forms,
        "log": support_request.log.select_related("actor"),
        "milestones": support_request.milestones.all(),
    }
    return render(request, "support/detail.html", context, status=status)


@require_safe
@login_required
def detail(request, pk: int):
    return _detail(request, _visible(request, pk))


@require_POST
@login_required
def transition(request, pk: int, slug: str):
    if slug not in TRANSITIONS:
        raise Http404
    support_request = _visible(request, pk)
    ability, _form_class, action, done = TRANSITIONS[slug]
    form = _form(slug, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        actor = {"user": request.user} if slug == "avis" else {"actor": request.user}
        if slug == "conseiller":
            data = {"advisor": data["advisor"]}
        try:
            action(support_request, **actor, **data)
        except PermissionDenied:
            messages.error(request, _("Cette action n'est pas possible dans l'état de la demande."))
            return redirect(support_request)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, str(done))
            return redirect(support_request)
    return _detail(request, support_request, bound={slug: form}, status=400)


@require_POST
@login_required
def milestone_done(request, pk: int, milestone_id: int):
    support_request = _visible(request, pk)
    milestone = get_object_or_404(support_request.milestones, pk=milestone_id)
    try:
        actions.complete_milestone(milestone, actor=request.user)
    except PermissionDenied:
        messages.error(request, _("Cette action n'est pas possible dans l'état de la demande."))
    else:
        messages.success(request, _("Jalon atteint."))
    return redirect(support_request)
