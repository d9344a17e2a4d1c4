"""The question-and-answer space: agents ask, the CIPC or peers reply, one reply is accepted."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.community.abilities import question_abilities


class Question(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_questions"
    )
    title = models.CharField(_("votre question"), max_length=200)
    body = models.TextField(_("précisions"), max_length=5000)
    theme = models.ForeignKey(
        "resources.FaqTheme",
        verbose_name=_("thème"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_reply = models.OneToOneField(
        "community.Reply",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set once, under a row lock, when CIPC staff turn the accepted reply into a FAQ entry.
    faq_entry = models.ForeignKey(
        "resources.FaqEntryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question de la communauté")
        verbose_name_plural = _("questions de la communauté")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:question", args=[self.pk])

    def get_abilities(self, user) -> dict[str, bool]:
        return question_abilities(self, user)


class Reply(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_replies"
    )
    body = models.TextField(_("votre réponse"), max_length=5000)
    # Kept as written: a reply given for the CIPC stays so if its author changes role.
    from_cipc = models.BooleanField(_("réponse du CIPC"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réponse de la communauté")
        verbose_name_plural = _("réponses de la communauté")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question} — {self.author}"
