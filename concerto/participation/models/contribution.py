from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

# Generous and stated to participants: a contribution can be long.
MAX_BODY_LENGTH = 20_000
MAX_TITLE_LENGTH = 200


class ContributionKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposition")
    COMMENT = "comment", _("Commentaire")
    ARGUMENT = "argument", _("Argument")
    ANSWER = "answer", _("Réponse à une question ouverte")
    SOURCE_SUGGESTION = "source_suggestion", _("Source suggérée")
    CONTRIBUTION = "contribution", _("Contribution libre")


class Channel(models.TextChoices):
    ONLINE = "online", _("En ligne")
    PAPER = "paper", _("Papier (cahier citoyen, formulaire)")
    MAIL = "mail", _("Courrier")
    EMAIL = "email", _("Courriel")
    MEETING = "meeting", _("Réunion publique")


# The badge that marks a contribution which did not arrive online, where it is listed.
CHANNEL_BADGES = {
    Channel.PAPER: _("Contribution papier"),
    Channel.MAIL: _("Courrier"),
    Channel.EMAIL: _("Courriel"),
    Channel.MEETING: _("Réunion publique"),
}
TITLE_WORDS = 12
# Shown in place of the author's name once their account is deleted; lower case, as it
# is read within a sentence ("Proposée par un compte supprimé").
DELETED_AUTHOR = _("un compte supprimé")


def title_from_body(body: str) -> str:
    """A title for a proposal that came without one (a page of a cahier citoyen, a
    letter): the first words of its text."""
    return Truncator(" ".join(body.split())).words(TITLE_WORDS)[:MAX_TITLE_LENGTH]


class HiddenReason(models.TextChoices):
    OFF_TOPIC = "off_topic", _("Hors sujet")
    INSULT = "insult", _("Propos injurieux ou diffamatoires")
    HATE = "hate", _("Propos haineux ou discriminatoires")
    PERSONAL_DATA = "personal_data", _("Données personnelles d'autrui")
    SPAM = "spam", _("Publicité ou message répété")
    ILLEGAL = "illegal", _("Contenu illicite")


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Contribution.Status.PUBLISHED)


class Contribution(models.Model):
    """Anything a participant submits, online or on paper: counted, analysed and
    answered alike, and shown with its channel."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Publiée")
        HIDDEN = "hidden", _("Masquée par la modération")
        WITHDRAWN = "withdrawn", _("Retirée par son auteur")

    class Stance(models.TextChoices):
        NONE = "", _("Sans position")
        FOR = "for", _("Pour")
        AGAINST = "against", _("Contre")

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="contributions"
    )
    kind = models.CharField(_("type"), max_length=20, choices=ContributionKind.choices)
    channel = models.CharField(
        _("canal"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    pseudonym = models.CharField(_("pseudonyme"), max_length=60, blank=True)
    # Offline contributions: the agent who typed or imported them.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("titre"), max_length=MAX_TITLE_LENGTH, blank=True)
    body = models.TextField(
        _("texte"), max_length=MAX_BODY_LENGTH, validators=[MaxLengthValidator(MAX_BODY_LENGTH)]
    )
    theme = models.ForeignKey(
        "processes.Theme", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("thème")
    )
    location = models.CharField(_("lieu"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    stance = models.CharField(
        _("position"), max_length=8, choices=Stance.choices, default=Stance.NONE, blank=True
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    hidden_reason = models.CharField(
        _("motif de masquage"), max_length=20, choices=HiddenReason.choices, blank=True
    )
    # A retried or double-clicked submission carries the same key: one contribution. A key
    # is only the submitter's own, in this module (see participation.idempotency).
    idempotency_key = models.UUIDField(null=True, blank=True)
    idempotency_scope = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("déposée le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept apart from updated_at, which later changes (an erased account) also move: the
    # withdrawn proposal's page tells its supporters when its author withdrew it.
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["module", "kind", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "idempotency_scope", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="contribution_idempotency_key_per_submitter",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.body[:60]

    @property
    def channel_badge(self) -> str:
        """The short label of its channel, blank for an online contribution."""
        return str(CHANNEL_BADGES.get(self.channel, ""))

    @property
    def author_name(self) -> str:
        """The name shown with the contribution: the pseudonym typed with it, else the
        account's public name as its owner chose it (never the full name), else the
        channel for an unsigned offline contribution. An online contribution without
        author nor pseudonym lost its author when the account was deleted (a
        contribution without an account always carries a pseudonym)."""
        if self.pseudonym:
            return self.pseudonym
        if self.author_id:
            return self.author.public_name or str(_("Participant"))
        if self.channel == Channel.ONLINE:
            return str(DELETED_AUTHOR)
        return str(Channel(self.channel).label)
