"""Named write operations of the community of agents."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from concerto.community.abilities import community_abilities, is_cipc
from concerto.community.models import AgentProfile, Question, Reply
from concerto.notifications.actions import notify
from concerto.resources.actions import publish_faq_entry


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def ask_question(*, actor, title: str, body: str, theme=None) -> Question:
    if not community_abilities(actor)["ask"]:
        raise PermissionDenied
    title, body = title.strip(), body.strip()
    # A double submission of the same question within the form's lifetime is one question.
    existing = Question.objects.filter(author=actor, title=title, body=body).first()
    if existing:
        return existing
    return Question.objects.create(author=actor, title=title, body=body, theme=theme)


@transaction.atomic
def reply(question: Question, *, actor, body: str) -> Reply:
    question = _locked(question)
    if not question.get_abilities(actor)["reply"]:
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Rédigez votre réponse.")})
    existing = question.replies.filter(author=actor, body=body).first()
    if existing:
        return existing
    new = Reply.objects.create(question=question, author=actor, body=body, from_cipc=is_cipc(actor))
    if question.author_id != actor.pk:
        notify(
            [question.author],
            subject=_("Nouvelle réponse à votre question « %(title)s »")
            % {"title": question.title},
            body=_("%(name)s a répondu à votre question dans la communauté des agents.")
            % {"name": actor},
            url=question.get_absolute_url(),
        )
    return new


@transaction.atomic
def accept_reply(reply_obj: Reply, *, actor) -> Question:
    question = _locked(reply_obj.question)
    if not question.get_abilities(actor)["accept"]:
        raise PermissionDenied
    question.accepted_reply = reply_obj
    question.save(update_fields=["accepted_reply"])
    return question


@transaction.atomic
def promote_to_faq(question: Question, *, actor, theme=None):
    """Publish the accepted reply as a FAQ entry; a second click returns the same entry."""
    question = _locked(question)
    if question.faq_entry_id:
        return question.faq_entry
    if not question.get_abilities(actor)["promote"]:
        raise PermissionDenied
    theme = theme or question.theme
    if theme is None:
        raise ValidationError({"theme": _("Choisissez le thème de la FAQ où classer la question.")})
    entry = publish_faq_entry(
        actor=actor,
        question=question.title,
        answer_html=linebreaks(escape(question.accepted_reply.body)),
        theme=theme,
    )
    question.faq_entry = entry
    if question.theme_id is None:
        question.theme = theme
    question.save(update_fields=["faq_entry", "theme"])
    notify(
        [question.author],
        subject=_("Votre question « %(title)s » figure désormais dans la FAQ")
        % {"title": question.title},
        body=_("Le CIPC a ajouté la réponse retenue à la foire aux questions."),
        url=entry.url,
    )
    return entry


PROFILE_FIELDS = ("is_listed", "ministry", "job_title", "past_experience", "skills")


@transaction.atomic
def update_profile(*, actor, fields: dict, processes=()) -> AgentProfile:
    if not community_abilities(actor)["list_in_directory"]:
        raise PermissionDenied
    profile, _created = AgentProfile.objects.select_for_update().get_or_create(
        user=actor, defaults={"job_title": fields.get("job_title", "")}
    )
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.save()
    profile.processes.set(processes)
    return profile
