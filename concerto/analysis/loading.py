"""From a module's contributions to the engine's inputs, and its closed questions.

Texts are analysed section by section: a questionnaire's open question, or an article of
a text to co-draft (its suggestions, and the arguments and comments on them). Texts in no
section (a proposals module's) form one group of their own."""

from __future__ import annotations

from dataclasses import dataclass

from concerto.engines import textmining
from concerto.participation.models import Channel, Contribution, ParticipantProfile
from concerto.questionnaires.models import CLOSED_KINDS, Answer, QuestionKind, Response

PROFILE_FIELDS = ("age_band", "gender")


@dataclass(frozen=True)
class Section:
    """What a group of texts answers, analysed apart from the others: `key` names it
    ("question:12", "article:34"), `label` and `position` lay out the synthesis."""

    key: str
    label: str
    position: int
    question_id: int | None = None  # set for a questionnaire's open question


def question_section(question_id: int, text: str, position: int) -> Section:
    return Section(f"question:{question_id}", text, position, question_id)


@dataclass
class Inputs:
    ids: list[int]
    channels: list[str]
    texts: list[str]
    authors: list[str | None]
    moments: list
    sections: list[Section | None]  # the question or article each text is about, if any

    def groups(self) -> dict[Section | None, list[int]]:
        """Row indices per section (None first: texts in no section), in the order of
        the questionnaire or of the text, so that each section is analysed on its own."""
        out: dict[Section | None, list[int]] = {}
        for i, section in enumerate(self.sections):
            out.setdefault(section, []).append(i)
        return dict(sorted(out.items(), key=lambda item: _order(item[0])))


def _order(section: Section | None) -> tuple:
    return (False, 0, "") if section is None else (True, section.position, section.key)


def module_inputs(module) -> Inputs:
    """Every published contribution, online and offline alike, oldest first."""
    rows = (
        Contribution.objects.published()
        .filter(module=module)
        .order_by("created_at", "pk")
        .values_list(
            "pk",
            "channel",
            "title",
            "body",
            "author_id",
            "pseudonym",
            "created_at",
            "questionnaire_answer__question_id",
            "questionnaire_answer__question__text",
            "questionnaire_answer__question__position",
        )
    )
    articles = _articles(module)
    inputs = Inputs([], [], [], [], [], [])
    for row in rows.iterator():
        pk, channel, title, body, author_id, pseudonym, created_at, question, text, rank = row
        article = articles.get(pk)
        if article is not None and article.is_suggestion:
            # The platform wrote its title; the citizen wrote its text and explanation.
            title, body = "", f"{body}. {article.explanation}" if article.explanation else body
        inputs.ids.append(pk)
        inputs.channels.append(channel)
        inputs.texts.append(f"{title}. {body}" if title else body)
        # Offline contributions have no account: each counts as its own author.
        inputs.authors.append(
            f"u{author_id}" if author_id else (f"p{pseudonym}" if pseudonym else None)
        )
        inputs.moments.append(created_at)
        if question:
            inputs.sections.append(question_section(question, text, rank))
        elif article is not None:
            inputs.sections.append(
                Section(f"article:{article.article}", article.title, article.position)
            )
        else:
            inputs.sections.append(None)
    return inputs


def _articles(module) -> dict:
    """The sections the module's kind puts its contributions in (a text to co-draft: its
    articles, concerto.codrafting.sections), by contribution id; none for other kinds."""
    sections = module.kind_spec.analysis_sections
    return sections(module) if sections else {}


def participation_figures(inputs: Inputs, totals: dict) -> dict:
    """Figures of the whole module; `totals` sums the per-question results."""
    offline = sum(1 for c in inputs.channels if c != Channel.ONLINE)
    by_channel = {}
    for channel in inputs.channels:
        by_channel[channel] = by_channel.get(channel, 0) + 1
    total = len(inputs.ids)
    return {
        "contributions": total,
        # Anonymous texts (offline, no pseudonym) each count as one contributor.
        "contributors": len({a for a in inputs.authors if a})
        + sum(1 for a in inputs.authors if not a),
        "copies": totals["copies"],
        "own_repeats": totals["own_repeats"],
        "copies_by_others": totals["copies"] - totals["own_repeats"],
        "in_campaigns": totals["in_campaigns"],
        "campaigns": totals["campaigns"],
        "offline": offline,
        "offline_percent": round(100 * offline / total) if total else 0,
        "by_channel": [
            {"channel": c, "label": str(Channel(c).label), "count": n}
            for c, n in sorted(by_channel.items(), key=lambda item: -item[1])
        ],
        "unclassified": totals["unclassified"],
    }


def closed_questions(module) -> list[dict]:
    """Counts of each closed question, with tables by consented profile."""
    tables = []
    for question in module.questions.filter(kind__in=CLOSED_KINDS).order_by("position", "pk"):
        answers = (
            Answer.objects.filter(question=question, response__status=Response.Status.SUBMITTED)
            .select_related("response")
            .order_by("pk")
        )
        values, participants = [], []
        for answer in answers:
            value = answer.value
            if question.kind == QuestionKind.RANKING and isinstance(value, list):
                value = value[:1]  # first choice
            values.append(
                value if isinstance(value, list) else (None if value is None else str(value))
            )
            participants.append(answer.response.participant_id)
        profiles_by_user = {
            p.user_id: {f: p.answer_label(f) for f in PROFILE_FIELDS}
            for p in ParticipantProfile.objects.filter(user_id__in=set(participants))
        }
        choices = (
            [str(v) for v in range(question.scale_min, question.scale_max + 1)]
            if question.kind == QuestionKind.SCALE
            else [str(c) for c in question.choices]
        )
        table = textmining.cross_tabulate(
            values, [profiles_by_user.get(u) for u in participants], choices
        )
        rows = [
            {"choice": c, "count": table.counts[c], "percent": round(100 * table.share(c))}
            for c in table.choices
        ]
        tables.append(
            {
                "question": question.text,
                "position": question.position,
                "kind": question.get_kind_display(),
                "total": table.total,
                "rows": rows,
                "by_profile": table.by_profile,
            }
        )
    return tables
