"""Citizens' pages: the list of proposals with its submission form, one proposal with its
supports, arguments and comments."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto import generations, pagecache
from concerto.clientaddress import client_address
from concerto.formerrors import add_errors
from concerto.pagination import paginate
from concerto.participation.actions.common import RateLimited
from concerto.participation.models import Contribution, HiddenReason
from concerto.participation.next_steps import after_contribution
from concerto.participation.scopes import module_row_scope, module_scope
from concerto.participation.views.common import RATE_LIMIT_MESSAGE
from concerto.processes.scopes import choosable_themes
from concerto.proposals import actions
from concerto.proposals.forms import ArgumentForm, CommentForm, ListFilterForm, ProposalForm
from concerto.proposals.links import proposal_url
from concerto.proposals.queries import (
    ListedProposals,
    debate,
    module_themes,
    supported_among,
)
from concerto.proposals.views.common import (
    ask_pseudonym,
    author_of,
    proposal_or_404,
    proposals_module,
)

PAGE_SIZE = 20
# The query strings a list kept for members may have, before _keepable's closer look.
LIST_QUERY = re.compile(r"[a-z0-9=&]{0,60}")


def _breadcrumb(module, current: str, proposal=None) -> dict:
    links = [
        {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
        {"url": module.process.get_absolute_url(), "title": module.process.title},
    ]
    if proposal is not None:
        links.append({"url": module.get_absolute_url(), "title": module.title})
    return {"id": "breadcrumb", "links": links, "current": current}


def _list_scopes(slug: str, module_id: int) -> list[str]:
    return [module_scope(module_id), module_row_scope(module_id)]


def _list_audience(request, slug: str, module_id: int) -> str | None:
    """What the kept list shows of what its reader may do there; None for a list of
    the reader's own: a query string of their making, or the notice of their ban."""
    module, abilities = proposals_module(request, slug, module_id)
    if not _keepable(request.META.get("QUERY_STRING", ""), module):
        return None
    if module.is_open() and not abilities["contribute"]:
        return None
    return f"{sorted(abilities.items())}:{module.is_open()}"


@require_http_methods(["GET", "HEAD", "POST"])
@pagecache.for_members(_list_scopes, query=LIST_QUERY, audience_of=_list_audience)
def module_page(request, slug: str, module_id: int):
    """The list and its submission form, kept whole for the signed-in readers who may do
    the same there (pagecache.for_members), each served their supports and their keys."""
    module, abilities = proposals_module(request, slug, module_id)
    form, status = None, 200
    if request.method == "POST":
        if not abilities["contribute"]:
            raise PermissionDenied
        choosable = choosable_themes(module.process_id)
        form = ProposalForm(
            request.POST, themes=module_themes(module, choosable), choosable=choosable,
            ask_pseudonym=ask_pseudonym(request, module),
        )  # fmt: skip
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal, _created = actions.submit_proposal(
                    module, author=author_of(request), title=data["title"], body=data["body"],
                    theme=data["theme"], location=data["location"],
                    pseudonym=data.get("pseudonym", ""),
                    idempotency_key=data["idempotency_key"], address=client_address(request),
                )  # fmt: skip
            except RateLimited:
                form.add_error(None, RATE_LIMIT_MESSAGE)
                status = 429
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Votre proposition est publiée. Merci !"))
                return after_contribution(request, module.process, proposal_url(proposal))
    context = {
        "module": module,
        "process": module.process,
        "breadcrumb": _breadcrumb(module, module.title),
        "main": _module_main(request, module, abilities, form),
        "abilities": abilities,
    }
    return render(request, "proposals/module.html", context, status=status)


MODULE_MAIN = "proposals/includes/module_main.html"
# What a kept list may be asked for, in the order the filters' form and the pagination
# write it. Any other query string is answered with a list made for it and not kept, so
# that nobody fills the shared cache with addresses of their own making.
KEPT_QUERY = {
    "theme": re.compile(r"[0-9]{0,9}"),
    "tri": re.compile(r"(?:soutiens|recentes)?"),
    "page": re.compile(r"[1-9][0-9]{0,3}"),
}
# Where each card says whether its reader supports the proposal: "<slot><id>;".
SUPPORTED_SLOT = pagecache.slot("proposals.supported")
SUPPORTED = re.compile(SUPPORTED_SLOT + r"([0-9]+);")


def _module_main(request, module, abilities, form) -> SafeString:
    """The list with its filters and the submission form: made once for all the readers
    who may do the same (until a proposal, a support or the module changes), then each
    reader's supports marked on its cards. A form sent back with its errors is the
    reader's own: that list is made for them alone."""
    pseudonymous = ask_pseudonym(request, module)
    is_open = module.is_open()

    def make_context(kept: bool) -> dict:
        themes = module_themes(module)
        filters = ListFilterForm(request.GET or None, themes=themes, auto_id="filtre-%s")
        theme, sort = filters.values()
        shown_form = form
        if shown_form is None and abilities["contribute"]:
            initial = {"idempotency_key": pagecache.KEY_SLOT} if kept else {}
            shown_form = ProposalForm(themes=themes, ask_pseudonym=pseudonymous, initial=initial)
        proposals = ListedProposals(module, theme=theme, sort=sort)
        return {
            "module": module,
            "process": module.process,
            "abilities": abilities,
            "filters": filters,
            "is_filtered": theme is not None,
            "page_obj": paginate(request, proposals, PAGE_SIZE),
            "form": shown_form,
            "login_url": _login_url(request),
            "supported_slot": SUPPORTED_SLOT,
        }

    query = request.META.get("QUERY_STRING", "")
    if form is None and _keepable(query, module):
        # Everything the part shows besides the module's rows and the query: what the
        # reader may do there, whether they are signed in (a visitor is invited to sign
        # in where a barred participant reads their own notice), and the language of its
        # dates.
        name = (
            f"proposals-list:{module.pk}:{get_language()}:{abilities['contribute']}:"
            f"{request.user.is_authenticated}:"
            f"{abilities['moderate']}:{pseudonymous}:{is_open}:{query}"
        )
        html = pagecache.fragment(
            request, [module_scope(module.pk)], generations.fingerprint(name), MODULE_MAIN,
            lambda: make_context(kept=True),
        )  # fmt: skip
    else:
        html = render_to_string(MODULE_MAIN, make_context(kept=False), request=request)
    return _with_supports_of(request, html)


def _keepable(query: str, module) -> bool:
    """Whether the list asked for by `query` is one of KEPT_QUERY's, of a theme the
    module's filters offer."""
    pairs = [part.split("=", 1) for part in query.split("&")] if query else []
    names = [pair[0] for pair in pairs]
    if names != [name for name in KEPT_QUERY if name in names]:
        return False  # a name of its own, twice, or out of order
    if not all(len(pair) == 2 and KEPT_QUERY[pair[0]].fullmatch(pair[1]) for pair in pairs):
        return False
    theme = dict(pairs).get("theme")
    return not theme or any(str(pk) == theme for pk, _n, _s in choosable_themes(module.process_id))


def _with_supports_of(request, html: str) -> SafeString:
    """`html` with the badge "Vous la soutenez" on the cards of the proposals the reader
    supports: one query for the page's cards, none for a visitor. On a page kept for
    members, each card with and without it, each reader served theirs."""
    badge = format_html(
        '<li><p class="fr-badge fr-badge--success">{}</p></li>', _("Vous la soutenez")
    )
    if pagecache.made_for_members(request):
        marked = SUPPORTED.sub(lambda slot: pagecache.either("supports", slot[1], badge, ""), html)
        return mark_safe(marked)  # noqa: S308 (our render, with our badge)
    mine = supported_among(request.user, [int(pk) for pk in SUPPORTED.findall(html)])
    marked = SUPPORTED.sub(lambda slot: badge if int(slot[1]) in mine else "", html)
    return mark_safe(marked)  # noqa: S308 (our render, with our badge)


def supports_among(user, keys: list[str]) -> set[str]:
    """The answers to `either("supports", …)`: which of these proposals the reader
    supports (registered in apps.py)."""
    return {str(pk) for pk in supported_among(user, [int(key) for key in keys])}


@require_http_methods(["GET", "HEAD"])
def proposal_page(request, slug: str, module_id: int, proposal_id: int):
    module, abilities = proposals_module(request, slug, module_id)
    proposal = proposal_or_404(module, proposal_id, withdrawn=True)
    if proposal.status == Contribution.Status.WITHDRAWN:
        return _withdrawn(request, module, proposal)
    if proposal.merged_into_id is not None:
        return _to_merge_target(request, proposal)
    reply_form = None
    reply_to = request.GET.get("repondre", "")
    if abilities["contribute"] and reply_to.isdigit():
        reply_form = _reply_form(request, module, initial={"reply_to": int(reply_to)})
    return render_proposal(request, module, abilities, proposal, reply_form=reply_form)


def _withdrawn(request, module, proposal: Contribution):
    """What its supporters find at a withdrawn proposal's address: that its author withdrew
    it, and when, without its title or text, which the author took back.

    410 Gone rather than 200: the page existed and was removed on purpose, for good, and
    search engines drop an address answering 410; browsers show the page all the same.
    """
    context = {
        "module": module,
        "process": module.process,
        "proposal": proposal,
        "breadcrumb": _breadcrumb(module, _("Proposition retirée"), proposal),
    }
    return render(request, "proposals/withdrawn.html", context, status=410)


def render_proposal(
    request,
    module,
    abilities,
    proposal: Contribution,
    *,
    comment_form=None,
    argument_form=None,
    reply_form=None,
    status: int = 200,
):
    """The proposal page; forms given are bound ones shown again with what was typed."""
    if abilities["contribute"]:
        comment_form = comment_form or _comment_form(request, module)
        argument_form = argument_form or _argument_form(request, module)
    reply_to_id = None
    if reply_form is not None:
        reply_to_id = reply_form["reply_to"].value()
        reply_to_id = int(reply_to_id) if str(reply_to_id).isdigit() else None
    context = {
        "report_reasons": HiddenReason.choices,
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "proposal": proposal,
        "breadcrumb": _breadcrumb(module, proposal.title, proposal),
        "debate": debate(proposal, user=request.user),
        "comment_form": comment_form,
        "argument_form": argument_form,
        "reply_form": reply_form,
        "reply_to_id": reply_to_id,
        "login_url": _login_url(request),
        "signed_in": request.user.is_authenticated,
    }
    return render(request, "proposals/proposal.html", context, status=status)


@require_POST
def comment(request, slug: str, module_id: int, proposal_id: int):
    """A comment on the proposal, or (with `reply_to`) a reply in a comment's thread."""
    module, abilities = proposals_module(request, slug, module_id)
    proposal = proposal_or_404(module, proposal_id)
    if not abilities["contribute"]:
        raise PermissionDenied
    is_reply = "reply-body" in request.POST
    form = (
        _reply_form(request, module, data=request.POST)
        if is_reply
        else _comment_form(request, module, data=request.POST)
    )
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        reply_to = None
        if is_reply:
            reply_to = Contribution.objects.filter(
                pk=data["reply_to"] or 0, module=module, status=Contribution.Status.PUBLISHED
            ).first()
        try:
            if is_reply and reply_to is None:
                raise ValidationError(_("Ce commentaire n'accepte pas de réponse."))
            contribution, _created = actions.comment_proposal(
                proposal, author=author_of(request), body=data["body"], reply_to=reply_to,
                pseudonym=data.get("pseudonym", ""), idempotency_key=data["idempotency_key"],
                address=client_address(request),
            )  # fmt: skip
        except RateLimited:
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Votre commentaire est publié."))
            return redirect(f"{proposal_url(proposal)}#commentaire-{contribution.pk}")
    forms = {"reply_form": form} if is_reply else {"comment_form": form}
    return render_proposal(request, module, abilities, proposal, status=status, **forms)


@require_POST
def argue(request, slug: str, module_id: int, proposal_id: int):
    module, abilities = proposals_module(request, slug, module_id)
    proposal = proposal_or_404(module, proposal_id)
    if not abilities["contribute"]:
        raise PermissionDenied
    form = _argument_form(request, module, data=request.POST)
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            argument, _created = actions.argue_proposal(
                proposal, author=author_of(request), stance=data["stance"], body=data["body"],
                pseudonym=data.get("pseudonym", ""), idempotency_key=data["idempotency_key"],
                address=client_address(request),
            )  # fmt: skip
        except RateLimited:
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Votre argument est publié."))
            return redirect(f"{proposal_url(proposal)}#argument-{argument.pk}")
    return render_proposal(request, module, abilities, proposal, argument_form=form, status=status)


# Prefixes keep the ids of the page's three forms apart.
def _comment_form(request, module, **kwargs) -> CommentForm:
    return CommentForm(prefix="comment", ask_pseudonym=ask_pseudonym(request, module), **kwargs)


def _reply_form(request, module, **kwargs) -> CommentForm:
    return CommentForm(prefix="reply", ask_pseudonym=ask_pseudonym(request, module), **kwargs)


def _argument_form(request, module, **kwargs) -> ArgumentForm:
    return ArgumentForm(prefix="argument", ask_pseudonym=ask_pseudonym(request, module), **kwargs)


def _to_merge_target(request, proposal: Contribution):
    target = proposal.merged_into
    target.module = proposal.module
    messages.info(
        request,
        _("La proposition « %(source)s » a été fusionnée avec « %(target)s » : "
          "vous êtes sur la proposition qui la regroupe.")
        % {"source": proposal.title, "target": target.title},
    )  # fmt: skip
    return redirect(proposal_url(target))


def _login_url(request) -> str:
    return f"{reverse('accounts:login')}?next={request.path}"
