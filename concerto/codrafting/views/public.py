"""Citizens' pages: read the text, suggest on an open paragraph or after an article,
support and argue, read the versions and what changed."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto import pagecache
from concerto.clientaddress import client_address
from concerto.codrafting import actions, queries
from concerto.codrafting.actions.answers import answers_of
from concerto.codrafting.changes import diff_html
from concerto.codrafting.forms import NewArticleSuggestionForm, RewordingForm
from concerto.codrafting.legacy import ImportedRecord
from concerto.codrafting.models import SuggestionAction, UnitKind
from concerto.codrafting.views.common import (
    article_of,
    module_url,
    public_breadcrumb,
    public_module,
    unit_or_404,
)
from concerto.engines.codrafting import word_diff
from concerto.formerrors import add_errors
from concerto.participation.actions.common import RateLimited
from concerto.participation.scopes import module_scope
from concerto.participation.views.common import RATE_LIMIT_MESSAGE
from concerto.proposals import actions as proposal_actions
from concerto.proposals.forms import ArgumentForm, CommentForm

PER_PAGE = 20
# The comment form sits on the page of the argument form: its fields need their own ids.
COMMENT_PREFIX = "commentaire"


def _module_scopes(module_id: int, **_address) -> list[str]:
    return [module_scope(module_id)]


@require_safe
@pagecache.for_visitors(_module_scopes)
def module_page(request, slug: str, module_id: int):
    """The text in force, article by article, with the number of suggestions on each."""
    module, abilities = public_module(request, slug, module_id)
    version = queries.current_version(module)
    units = list(version.units.order_by("position", "pk")) if version else []
    counts = queries.suggestion_counts(queries.lineage(units))
    for unit in units:
        unit.n_suggestions = counts.get(unit.pk, 0)
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "version": version,
        "units": units,
        "n_versions": queries.published_versions(module).count(),
        "breadcrumb": public_breadcrumb(module, module.title),
    }
    return render(request, "codrafting/module.html", context)


@require_safe
@pagecache.for_visitors(_module_scopes)
def article_page(request, slug: str, module_id: int, unit_id: int):
    """One article: its paragraphs, each with its suggestions, the most supported first."""
    module, abilities = public_module(request, slug, module_id)
    article = unit_or_404(module, unit_id, kind=UnitKind.ARTICLE, published=True)
    paragraphs = queries.paragraphs_of(article)
    chains = queries.lineage([article, *paragraphs])
    ids = [pk for pks in chains.values() for pk in pks]
    page = Paginator(queries.SuggestionList(ids), PER_PAGE).get_page(request.GET.get("page"))
    by_unit = {pk: unit for unit, pks in chains.items() for pk in pks}
    for suggestion in page:
        suggestion.on_unit = by_unit[suggestion.text_suggestion.unit_id]
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "article": article,
        "paragraphs": paragraphs,
        "page": page,
        "is_current": article.version == queries.current_version(module),
        "imported": queries.imported_about(article),
        "breadcrumb": public_breadcrumb(module, article.label or article.heading, inner=True),
    }
    return render(request, "codrafting/article.html", context)


def _suggest_form(request, unit, abilities, data=None):
    kwargs = {"ask_pseudonym": not request.user.is_authenticated and abilities["contribute"]}
    if unit.kind == UnitKind.ARTICLE:
        return NewArticleSuggestionForm(data, **kwargs)
    return RewordingForm(data, initial={"text": unit.text}, **kwargs)


@require_http_methods(["GET", "POST"])
def suggest(request, slug: str, module_id: int, unit_id: int):
    """Propose a new wording of an open paragraph, or a new article after an article."""
    module, abilities = public_module(request, slug, module_id)
    unit = unit_or_404(module, unit_id, published=True)
    if unit.kind not in (UnitKind.PARAGRAPH, UnitKind.ARTICLE):
        raise Http404
    if not request.user.is_authenticated and not module.allow_pseudonym:
        return redirect_to_login(request.get_full_path())
    form = _suggest_form(
        request, unit, abilities, request.POST if request.method == "POST" else None
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            common = {
                "author": request.user if request.user.is_authenticated else None,
                "text": data["text"],
                "explanation": data.get("explanation", ""),
                "pseudonym": data.get("pseudonym", ""),
                "idempotency_key": data["idempotency_key"],
                "address": client_address(request),
            }
            try:
                if unit.kind == UnitKind.ARTICLE:
                    contribution, _created = actions.suggest_article(
                        unit, heading=data["heading"], **common
                    )
                else:
                    contribution, _created = actions.suggest_rewording(unit, **common)
            except RateLimited:
                form.add_error(None, RATE_LIMIT_MESSAGE)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Merci ! Votre suggestion est publiée."))
                return redirect(module_url(module, "suggestion", suggestion_id=contribution.pk))
    article = article_of(unit)
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "unit": unit,
        "article": article,
        "form": form,
        "new_article": unit.kind == UnitKind.ARTICLE,
        "breadcrumb": public_breadcrumb(module, _("Proposer une modification"), inner=True),
    }
    return render(request, "codrafting/suggest.html", context, status=status)


def _suggestion_or_404(module, suggestion_id):
    row = queries.suggestion_row(suggestion_id, module)
    if row is None or row.contribution.status != "published":
        raise Http404
    return row


def render_suggestion(
    request, module, abilities, row, argument_form=None, comment_form=None, status=200
):
    contribution = row.contribution
    target = contribution.merged_into
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "suggestion": row,
        "contribution": contribution,
        "merged_into": target,
        "diff_html": diff_html(word_diff(row.base_text, contribution.body))
        if row.action == SuggestionAction.REWORD
        else None,
        "article": article_of(row.unit),
        "n_supports": contribution.supports.count(),
        "supported": request.user.is_authenticated
        and contribution.supports.filter(user=request.user).exists(),
        "arguments": contribution.children.filter(kind="argument", status="published")
        .select_related("author")
        .order_by("created_at", "pk"),
        "argument_form": argument_form
        or ArgumentForm(ask_pseudonym=not request.user.is_authenticated and module.allow_pseudonym),
        "imported": ImportedRecord.objects.filter(contribution=contribution).first(),
        "comments": contribution.children.filter(kind="comment", status="published")
        .select_related("author")
        .order_by("created_at", "pk"),
        "comment_form": comment_form
        or CommentForm(
            prefix=COMMENT_PREFIX,
            ask_pseudonym=not request.user.is_authenticated and module.allow_pseudonym,
        ),
        "answers": answers_of(contribution)
        .filter(published_at__isnull=False)
        .select_related("status"),
        "breadcrumb": public_breadcrumb(module, contribution.title, inner=True),
    }
    return render(request, "codrafting/suggestion.html", context, status=status)


@require_safe
def suggestion_page(request, slug: str, module_id: int, suggestion_id: int):
    module, abilities = public_module(request, slug, module_id)
    return render_suggestion(request, module, abilities, _suggestion_or_404(module, suggestion_id))


@require_POST
def support(request, slug: str, module_id: int, suggestion_id: int):
    module, abilities = public_module(request, slug, module_id)
    row = _suggestion_or_404(module, suggestion_id)
    url = module_url(module, "suggestion", suggestion_id=row.pk)
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    try:
        if request.POST.get("action") == "retirer":
            proposal_actions.withdraw_support(row.contribution, user=request.user,
                                              address=client_address(request))  # fmt: skip
            messages.success(request, _("Votre soutien est retiré."))
        else:
            proposal_actions.support_proposal(row.contribution, user=request.user,
                                              address=client_address(request))  # fmt: skip
            messages.success(request, _("Votre soutien est enregistré."))
    except RateLimited:
        messages.error(request, _("Vous avez voté beaucoup de fois en peu de temps : "
                                  "patientez quelques minutes puis réessayez."))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{url}#soutien")


def _discuss(
    request, slug, module_id, suggestion_id, *, form_class, prefix, submit, done, anchor, form_name
):
    """Argue or comment on a suggestion: the same steps, with the proposals module's
    action `submit(contribution, author=, pseudonym=, idempotency_key=, address=, **data)`."""
    module, abilities = public_module(request, slug, module_id)
    row = _suggestion_or_404(module, suggestion_id)
    url = module_url(module, "suggestion", suggestion_id=row.pk)
    if not request.user.is_authenticated and not module.allow_pseudonym:
        return redirect_to_login(url)
    form = form_class(request.POST, prefix=prefix, ask_pseudonym=not request.user.is_authenticated)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("reply_to", None)  # threads of replies are the proposals module's, not here
        try:
            submit(
                row.contribution,
                author=request.user if request.user.is_authenticated else None,
                pseudonym=data.pop("pseudonym", ""),
                idempotency_key=data.pop("idempotency_key"),
                address=client_address(request),
                **data,
            )
        except RateLimited:
            form.add_error(None, RATE_LIMIT_MESSAGE)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(f"{url}#{anchor}")
    return render_suggestion(request, module, abilities, row, status=400, **{form_name: form})


@require_POST
def argue(request, slug: str, module_id: int, suggestion_id: int):
    return _discuss(
        request, slug, module_id, suggestion_id, form_class=ArgumentForm, prefix=None,
        submit=proposal_actions.argue_proposal, done=_("Votre argument est publié."),
        anchor="arguments", form_name="argument_form",
    )  # fmt: skip


@require_POST
def comment(request, slug: str, module_id: int, suggestion_id: int):
    return _discuss(
        request, slug, module_id, suggestion_id, form_class=CommentForm, prefix=COMMENT_PREFIX,
        submit=proposal_actions.comment_proposal, done=_("Votre commentaire est publié."),
        anchor="commentaires", form_name="comment_form",
    )  # fmt: skip
