"""From a module's contributions to the engine's inputs, and its closed questions."""

from __future__ import annotations

from dataclasses import dataclass

from concerto.engines import textmining
from concerto.participation.models import Channel, Contribution, ParticipantProfile

PROFILE_FIELDS = ("age_band", "gender")


@dataclass
class Inputs:
    ids: list[int]
    channels: list[str]
    texts: list[str]
    authors: list[str | None]
    moments: list
    questions: list[int | None]  # the open question each text answers, if any

    def groups(self) -> dict[int | None, list[int]]:
        """Row indices per open question (None first: texts outside a
        questionnaire), so that each question is analysed on its own."""
        out: dict[int | None, list[int]] = {}
        for i, question in enumerate(self.questions):
            out.setdefault(question, []).append(i)
        return dict(sorted(out.items(), key=lambda item: (item[0] is not None, item[0] or 0)))


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
        )
    )
    inputs = Inputs([], [], [], [], [], [])
    for pk, channel, title, body, author_id, pseudonym, created_at, question in rows.iterator():
        inputs.ids.append(pk)
        inputs.channels.append(channel)
        inputs.texts.append(f"{title}. {body}" if title else body)
        # Offline contributions have no account: each counts as its own author.
        inputs.authors.append(
            f"u{author_id}" if author_id else (f"p{pseudonym}" if pseudonym else None)
        )
        inputs.moments.append(created_at)
        inputs.questions.append(question)
    return inputs


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
    from concerto.questionnaires.models import CLOSED_KINDS, Answer, QuestionKind, Response

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
