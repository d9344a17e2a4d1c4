"""From a module's contributions to the engine's inputs, and its closed questions."""

from __future__ import annotations

from dataclasses import dataclass

from concerto.engines.textmining import cross_tabulate
from concerto.participation.models import Channel, Contribution, ParticipantProfile

PROFILE_FIELDS = ("age_band", "gender")


@dataclass
class Inputs:
    ids: list[int]
    channels: list[str]
    texts: list[str]
    authors: list[str | None]
    moments: list


def module_inputs(module) -> Inputs:
    """Every published contribution, online and offline alike, oldest first."""
    rows = (
        Contribution.objects.published()
        .filter(module=module)
        .order_by("created_at", "pk")
        .values_list("pk", "channel", "title", "body", "author_id", "pseudonym", "created_at")
    )
    inputs = Inputs([], [], [], [], [])
    for pk, channel, title, body, author_id, pseudonym, created_at in rows.iterator():
        inputs.ids.append(pk)
        inputs.channels.append(channel)
        inputs.texts.append(f"{title}. {body}" if title else body)
        # Offline contributions have no account: each counts as its own author.
        inputs.authors.append(
            f"u{author_id}" if author_id else (f"p{pseudonym}" if pseudonym else None)
        )
        inputs.moments.append(created_at)
    return inputs


def participation_figures(inputs: Inputs, result) -> dict:
    offline = sum(1 for c in inputs.channels if c != Channel.ONLINE)
    by_channel = {}
    for channel in inputs.channels:
        by_channel[channel] = by_channel.get(channel, 0) + 1
    total = len(inputs.ids)
    return {
        "contributions": total,
        "contributors": result.n_authors,
        "copies": result.n_copies,
        "own_repeats": result.n_self_repeats,
        "copies_by_others": result.n_cross_author_copies,
        "in_campaigns": result.n_in_campaigns,
        "campaigns": len(result.campaigns),
        "offline": offline,
        "offline_percent": round(100 * offline / total) if total else 0,
        "by_channel": [
            {"channel": c, "label": str(Channel(c).label), "count": n}
            for c, n in sorted(by_channel.items(), key=lambda item: -item[1])
        ],
        "unclassified": int((result.theme < 0).sum()),
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
            p.user_id: {
                f: getattr(p, f"get_{f}_display")() if getattr(p, f) else "" for f in PROFILE_FIELDS
            }
            for p in ParticipantProfile.objects.filter(user_id__in=set(participants))
        }
        choices = (
            [str(v) for v in range(question.scale_min, question.scale_max + 1)]
            if question.kind == QuestionKind.SCALE
            else [str(c) for c in question.choices]
        )
        table = cross_tabulate(values, [profiles_by_user.get(u) for u in participants], choices)
        rows = [
            {"choice": c, "count": table.counts[c], "percent": round(100 * table.share(c))}
            for c in table.choices
        ]
        tables.append(
            {
                "question": question.text,
                "kind": question.get_kind_display(),
                "total": table.total,
                "rows": rows,
                "by_profile": table.by_profile,
            }
        )
    return tables
