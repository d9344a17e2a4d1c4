"""Organisers' pages: import and correct the draft, publish versions, review the
suggestions article by article (merge, answer), revise the text."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto import generations, pagecache
from concerto.accounts.models import user_scope
from concerto.codrafting import actions, queries
from concerto.codrafting.changes import diff_html
from concerto.codrafting.forms import (
    AnswerForm,
    ImportForm,
    MergeForm,
    NewArticleForm,
    PublishForm,
    UnitForm,
)
from concerto.codrafting.messages import problem_message
from concerto.codrafting.models import SuggestionAction, TextVersion, UnitKind
from concerto.codrafting.views.common import (
    manage_url,
    organiser_breadcrumb,
    organiser_module,
    unit_or_404,
)
from concerto.engines.codrafting import format_of, word_diff
from concerto.followup.abilities import followup_abilities
from concerto.followup.counts import process_scope
from concerto.followup.models import Answer
from concerto.formerrors import add_errors
from concerto.participation.opinion_groups import process_opinion_groups
from concerto.participation.scopes import module_scope
from concerto.proposals import actions as proposal_actions


def _render_manage(request, module, abilities, import_form=None, publish_form=None, status=200):
    latest = module.text_versions.order_by("-number").first()
    units = list(latest.units.order_by("position", "pk")) if latest else []
    if latest and latest.is_published:
        counts = queries.suggestion_counts(queries.lineage(units))
        for unit in units:
            unit.n_suggestions = counts.get(unit.pk, 0)
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "latest": latest,
        "units": units,
        "versions": list(module.text_versions.order_by("-number")),
        "import_form": import_form or ImportForm(initial={"name": module.title}),
        "publish_form": publish_form or PublishForm(),
        "warnings": request.session.pop(f"codrafting-warnings-{module.pk}", []),
        "breadcrumb": organiser_breadcrumb(module, module.title),
    }
    return render(request, "codrafting/manage.html", context, status=status)


@require_http_methods(["GET"])
def manage(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    return _render_manage(request, module, abilities)


@require_POST
def import_draft(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is not None:
            upload.seek(0)  # the content check read it
            data, format = upload.read(), format_of(upload.name)
            if format is None:
                form.add_error("file", _("Déposez un fichier .md, .txt, .docx ou .odt."))
        else:
            data, format = form.cleaned_data["text"], form.cleaned_data["format"]
        if not form.errors:
            try:
                version, reading = actions.import_draft(
                    module, actor=request.user, data=data, format=format,
                    name=form.cleaned_data["name"],
                )  # fmt: skip
            except actions.DraftUnreadable as error:
                for problem in error.reading.errors:
                    form.add_error("file" if upload else "text", problem_message(problem))
            except ValidationError as error:
                add_errors(form, error)
            else:
                request.session[f"codrafting-warnings-{module.pk}"] = [
                    problem_message(problem) for problem in reading.warnings
                ]
                counts = {kind: version.units.filter(kind=kind).count() for kind in UnitKind}
                messages.success(
                    request,
                    _("Texte importé : %(articles)s articles, %(paragraphs)s alinéas. "
                      "Vérifiez le découpage avant de le publier.")
                    % {"articles": counts[UnitKind.ARTICLE],
                       "paragraphs": counts[UnitKind.PARAGRAPH]},
                )  # fmt: skip
                return redirect(manage_url(module))
    return _render_manage(request, module, abilities, import_form=form, status=400)


@require_POST
def publish(request, pk: int, module_id: int, number: int):
    module, abilities = organiser_module(request, pk, module_id)
    version = TextVersion.objects.filter(module=module, number=number).first()
    form = PublishForm(request.POST)
    if version is None or not form.is_valid():
        messages.error(request, _("Cette version n'existe pas."))
        return redirect(manage_url(module))
    try:
        actions.publish_version(version, actor=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        add_errors(form, error)
        return _render_manage(request, module, abilities, publish_form=form, status=400)
    messages.success(request, _("La version %(number)s est publiée.") % {"number": number})
    return redirect(manage_url(module))


@require_POST
def new_version(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    try:
        version = actions.start_version(module, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("La version %(number)s est en préparation : modifiez les passages, puis publiez-la.")
            % {"number": version.number},
        )
    return redirect(manage_url(module))


def _unit_suggestions(unit):
    """Suggestions a revision of `unit` may come from: those on it and its origins (on
    an article: those on its paragraphs too, and its new-article suggestions)."""
    units = [unit, *unit.children.all()] if unit.kind == UnitKind.ARTICLE else [unit]
    chains = queries.lineage(units)
    return list(queries.suggestions_on([pk for pks in chains.values() for pk in pks]))


@require_http_methods(["GET", "POST"])
def edit_unit(request, pk: int, module_id: int, unit_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    unit = unit_or_404(module, unit_id, published=False)
    suggestions = _unit_suggestions(unit) if unit.version.number > 1 else None
    initial = {"heading": unit.heading, "text": unit.text, "open": unit.open,
               "closed_reason": unit.closed_reason,
               "sources": list(unit.sources.values_list("pk", flat=True))}  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = UnitForm(data, initial=initial, unit=unit, suggestions=suggestions)
    if data is not None and form.is_valid():
        try:
            actions.update_unit(
                unit, actor=request.user, heading=form.cleaned_data["heading"],
                text=form.cleaned_data.get("text", ""), open=form.cleaned_data["open"],
                closed_reason=form.cleaned_data["closed_reason"],
                sources=form.cleaned_data.get("sources") if suggestions is not None else None,
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Passage enregistré."))
            return redirect(f"{manage_url(module)}#passage-{unit.pk}")
    context = {
        "module": module,
        "process": module.process,
        "unit": unit,
        "form": form,
        "breadcrumb": organiser_breadcrumb(module, _("Modifier un passage"), inner=True),
    }
    return render(request, "codrafting/edit_unit.html", context, status=400 if data else 200)


@require_http_methods(["GET", "POST"])
def add_article(request, pk: int, module_id: int, unit_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    after = unit_or_404(module, unit_id, kind=UnitKind.ARTICLE, published=False)
    suggestions = [
        s for s in _unit_suggestions(after)
        if s.text_suggestion.action == SuggestionAction.NEW_ARTICLE
    ]  # fmt: skip
    data = request.POST if request.method == "POST" else None
    form = NewArticleForm(data, suggestions=suggestions)
    if data is not None and form.is_valid():
        try:
            article = actions.add_article(
                after.version, actor=request.user, after=after, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Article ajouté."))
            return redirect(f"{manage_url(module)}#passage-{article.pk}")
    context = {
        "module": module,
        "process": module.process,
        "unit": after,
        "form": form,
        "breadcrumb": organiser_breadcrumb(module, _("Ajouter un article"), inner=True),
    }
    return render(request, "codrafting/add_article.html", context, status=400 if data else 200)


REVIEW_PER_PAGE = 20
# Above this many suggestions on an article, the merge target is typed as a number rather
# than chosen in a list (each of the page's forms would otherwise list them all).
MAX_MERGE_CHOICES = 50


# ?ordre=groupes: by cross-group support, offered where the process has an opinion map.
BY_GROUPS = "groupes"


def _review_listing(request, module, article, forms: dict) -> dict:
    """The choice of order, and the page of suggestions in that order, each with its
    diff, its latest answer and its forms."""
    groups = process_opinion_groups(module.process)
    by_groups = groups is not None and request.GET.get("ordre") == BY_GROUPS
    paragraphs = queries.paragraphs_of(article)
    chains = queries.lineage([article, *paragraphs])
    unit_ids = [pk for pks in chains.values() for pk in pks]
    listing = queries.SuggestionList(unit_ids, groups if by_groups else None)
    page = Paginator(listing, REVIEW_PER_PAGE).get_page(request.GET.get("page"))
    suggestions = list(page)
    if by_groups:
        for suggestion in suggestions:
            suggestion.group_support = queries.group_support(suggestion, groups)
    if page.paginator.count <= MAX_MERGE_CHOICES:
        choices = (
            suggestions if not page.has_other_pages() else list(queries.suggestions_on(unit_ids))
        )
    else:
        choices = None
    # The latest answer to each suggestion of the page, in one query.
    links = (
        Answer.contributions.through.objects.filter(contribution_id__in=[s.pk for s in suggestions])
        .select_related("answer__status")
        .order_by("contribution_id", "-answer_id")
    )
    latest_answers = {}
    for link in links:
        latest_answers.setdefault(link.contribution_id, link.answer)
    for suggestion in suggestions:
        row = suggestion.text_suggestion
        suggestion.diff_html = (
            diff_html(word_diff(row.base_text, suggestion.body))
            if row.action == SuggestionAction.REWORD
            else None
        )
        suggestion.answer = latest_answers.get(suggestion.pk)
        suggestion.merged_rows = list(suggestion.merged.all())  # prefetched
        suggestion.answer_form = forms.get(("answer", suggestion.pk)) or AnswerForm(
            prefix=f"s{suggestion.pk}"
        )
        targets = None if choices is None else [s for s in choices if s.pk != suggestion.pk]
        suggestion.merge_form = forms.get(("merge", suggestion.pk)) or MergeForm(
            prefix=f"m{suggestion.pk}", targets=targets
        )
    return {
        "suggestions": suggestions,
        "page": page,
        "groups": groups,
        "by_groups": by_groups,
        "order_query": f"ordre={BY_GROUPS}&" if by_groups else "",
    }


def _render_review(request, module, article, forms=None, status=200):
    context = {
        "module": module,
        "process": module.process,
        "article": article,
        "can_answer": followup_abilities(module.process, request.user)["answer"],
        "breadcrumb": organiser_breadcrumb(
            module, _("Suggestions : %(label)s") % {"label": article.label}, inner=True
        ),
    }

    def list_context():
        return {**context, **_review_listing(request, module, article, forms or {})}

    template = "codrafting/_review_list.html"
    if forms:  # a form sent back with its errors: this reader's own
        context["listing"] = render_to_string(template, list_context(), request=request)
    else:
        # Kept until a contribution, support, answer or version of the module changes.
        order, page = request.GET.get("ordre") == BY_GROUPS, request.GET.get("page", "")
        name = f"codrafting-review:{article.pk}:{order}:{context['can_answer']}:{page}"
        scopes = [module_scope(module.pk), process_scope(module.process_id)]
        context["listing"] = pagecache.fragment(
            request, scopes, generations.fingerprint(name), template, list_context
        )
    return render(request, "codrafting/review.html", context, status=status)


def _review_scopes(request, pk: int, module_id: int, unit_id: int) -> list[str]:
    """What the review page and its checks read: the module, its process (answers, the
    organiser's ministry) and the reader's roles."""
    return [module_scope(module_id), process_scope(pk), user_scope(request.user.pk)]


# The order by opinion groups, and the page.
REVIEW_QUERY = re.compile(r"(?:ordre=groupes(?:&page=[1-9][0-9]{0,3})?|page=[1-9][0-9]{0,3})?")


@require_http_methods(["GET"])
@pagecache.for_signed_in(_review_scopes, query=REVIEW_QUERY)
def review(request, pk: int, module_id: int, unit_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    article = unit_or_404(module, unit_id, kind=UnitKind.ARTICLE, published=True)
    return _render_review(request, module, article)


def _review_suggestion(module, unit_id, suggestion_id):
    article = unit_or_404(module, unit_id, kind=UnitKind.ARTICLE, published=True)
    row = queries.suggestion_row(suggestion_id, module)
    return article, row


@require_POST
def answer(request, pk: int, module_id: int, unit_id: int, suggestion_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    article, row = _review_suggestion(module, unit_id, suggestion_id)
    if row is None:
        messages.error(request, _("Cette suggestion n'existe plus."))
        return redirect(manage_url(module, "review", unit_id=article.pk))
    form = AnswerForm(request.POST, prefix=f"s{row.pk}")
    if form.is_valid():
        try:
            actions.answer_suggestion(row.contribution, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Réponse enregistrée. Elle sera datée et envoyée à ses auteurs à la "
                  "publication des réponses du dispositif."),
            )  # fmt: skip
            return redirect(f"{manage_url(module, 'review', unit_id=article.pk)}#s-{row.pk}")
    return _render_review(request, module, article, {("answer", row.pk): form}, status=400)


@require_POST
def merge(request, pk: int, module_id: int, unit_id: int, suggestion_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    article, row = _review_suggestion(module, unit_id, suggestion_id)
    if row is None:
        messages.error(request, _("Cette suggestion n'existe plus."))
        return redirect(manage_url(module, "review", unit_id=article.pk))
    form = MergeForm(request.POST, prefix=f"m{row.pk}", targets=None)
    target = None
    if form.is_valid():
        target = (
            queries.listed_suggestions()
            .filter(module=module, pk=form.cleaned_data["target"])
            .exclude(pk=row.pk)
            .first()
        )
        if target is None:
            form.add_error("target", _("Choisissez une autre suggestion de ce texte."))
    if target is not None:
        try:
            proposal_actions.merge_proposals(
                row.contribution, target, actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Suggestions fusionnées."))
            return redirect(f"{manage_url(module, 'review', unit_id=article.pk)}#s-{target.pk}")
    return _render_review(request, module, article, {("merge", row.pk): form}, status=400)
