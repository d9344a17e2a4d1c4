"""The published synthesis of a module, as a page and as a PDF."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from concerto.analysis.models import Synthesis, SynthesisTheme
from concerto.downloads import pdf_download, render_pdf
from concerto.engines import textmining
from concerto.processes.models import Process


def _synthesis(request, slug: str, module_id: int) -> Synthesis:
    synthesis = get_object_or_404(
        Synthesis.objects.select_related("module__process", "analysis"),
        module_id=module_id,
        module__process__slug=slug,
    )
    if not synthesis.module.get_abilities(request.user)["view"]:
        raise Http404
    return synthesis


def _sections(themes, questions) -> list[dict]:
    """The synthesis section by section, in the order of the questionnaire or of the
    text: an open question's or an article's themes (`question` holds its heading), a
    closed question's table; texts in no section first."""
    sections: dict = {}
    for theme in themes:
        key = (theme.question_position, theme.question)
        section = sections.setdefault(
            key, {"question": theme.question, "themes": [], "table": None}
        )
        section["themes"].append(theme)
    for table in questions:
        key = (table.get("position", 0), table["question"])
        sections[key] = {"question": table["question"], "themes": [], "table": table}
    return [sections[key] for key in sorted(sections)]


def _method(figures: dict) -> dict:
    """The figures the method section gives citizens. Syntheses published before
    issue 23 lack the analysed count and the campaigns' list: the analysed count
    is then the contributions less those the engine could not classify."""
    received = figures.get("contributions", 0)
    analysed = figures.get("analysed", received - figures.get("unclassified", 0))
    return {
        "received": received,
        "contributors": figures.get("contributors", 0),
        "analysed": analysed,
        "unclassified": received - analysed,
        "themes": figures.get("themes", 0),
        "copies": figures.get("copies", 0),
        "own_repeats": figures.get("own_repeats", 0),
        "copies_by_others": figures.get("copies_by_others", 0),
        "campaigns": figures.get("campaigns", 0),
        "in_campaigns": figures.get("in_campaigns", 0),
        "campaign_groups": figures.get("campaign_groups", []),
        "campaign_min_authors": textmining.Params().campaign_min_authors,
    }


def _context(synthesis: Synthesis) -> dict:
    figures = synthesis.figures
    # The devoir de suite's answers, reached through the theme's own relation: the
    # follow-up is built on the analysis, which does not import it (issue 20).
    answers = SynthesisTheme._meta.get_field("answers").related_model.objects.published()
    themes = list(
        synthesis.themes.prefetch_related(
            Prefetch("answers", queryset=answers, to_attr="published_answers")
        )
    )
    largest = max((t.size for t in themes), default=0) or 1
    for theme in themes:
        # Bar widths in steps of 5 %, drawn by CSS classes (no inline style: CSP).
        theme.bar = 5 * round(20 * theme.size / largest)
    for question in synthesis.closed_questions:
        for row in question["rows"]:
            row["bar"] = 5 * round(row["percent"] / 5)
    return {
        "synthesis": synthesis,
        "module": synthesis.module,
        "process": synthesis.module.process,
        "figures": figures,
        "method": _method(figures),
        "themes": themes,
        "questions": synthesis.closed_questions,
        "sections": _sections(themes, synthesis.closed_questions),
    }


@require_safe
def synthesis(request, slug: str, module_id: int):
    return render(
        request, "analysis/synthesis.html", _context(_synthesis(request, slug, module_id))
    )


@require_safe
def synthesis_pdf(request, slug: str, module_id: int):
    synthesis = _synthesis(request, slug, module_id)
    html = render_to_string("analysis/synthesis_pdf.html", _context(synthesis), request=request)
    base_url = request.build_absolute_uri("/")
    pdf = render_pdf(html, stylesheet="analysis/print.css", base_url=base_url)
    return pdf_download(f"synthese-{synthesis.module_id}.pdf", pdf)


@require_safe
def process_syntheses(request, slug: str):
    """`/dispositifs/<slug>/synthese/`, the address people share: the process's one
    published synthesis, or the list when its modules published several."""
    process = get_object_or_404(Process.objects.published(), slug=slug)
    if not process.get_abilities(request.user)["view"]:
        raise Http404
    syntheses = [
        synthesis
        for synthesis in Synthesis.objects.filter(module__process=process)
        .select_related("module__process")
        .order_by("module__position", "module__pk")
        if synthesis.module.get_abilities(request.user)["view"]
    ]
    if len(syntheses) == 1:
        only = syntheses[0]
        return redirect("analysis:synthesis", slug=slug, module_id=only.module_id)
    context = {"process": process, "syntheses": syntheses}
    return render(request, "analysis/process_syntheses.html", context)
