from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.processes.lifecycle import Status


class ModuleKind(models.TextChoices):
    DOSSIER = "dossier", _("Dossier d'information")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    PROPOSALS = "proposals", _("Propositions")
    MEETINGS = "meetings", _("Réunions publiques")
    OPINION_MAP = "opinion_map", _("Carte des opinions")
    TEXT = "text", _("Texte à co-construire")


MODULE_URL_NAMESPACES = {
    ModuleKind.DOSSIER: "dossiers",
    ModuleKind.QUESTIONNAIRE: "questionnaires",
    ModuleKind.PROPOSALS: "proposals",
    ModuleKind.MEETINGS: "meetings",
    ModuleKind.OPINION_MAP: "opinionmaps",
    ModuleKind.TEXT: "codrafting",
}


# Where organisers build each kind of module: (url name, kwargs style, link label).
MODULE_ORGANISER_PAGES = {
    ModuleKind.DOSSIER: ("dossiers:documents", "workspace", _("Gérer les documents")),
    ModuleKind.QUESTIONNAIRE: ("questionnaires:questions", "workspace", _("Gérer les questions")),
    ModuleKind.PROPOSALS: ("proposals:merge", "public", _("Fusionner des propositions")),
    ModuleKind.MEETINGS: ("meetings:manage", "workspace", _("Gérer les réunions")),
    ModuleKind.OPINION_MAP: ("opinionmaps:manage", "workspace", _("Gérer la carte des opinions")),
    ModuleKind.TEXT: ("codrafting:manage", "workspace", _("Gérer le texte")),
}


class Module(models.Model):
    """One participation module a process opens to citizens, with its own dates."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="modules"
    )
    kind = models.CharField(_("type"), max_length=20, choices=ModuleKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    opens_on = models.DateField(_("ouverture"))
    closes_on = models.DateField(_("clôture"))
    allow_pseudonym = models.BooleanField(
        _("participation possible sous pseudonyme, sans compte"), default=False
    )
    results_public = models.BooleanField(
        _("résultats des questions fermées visibles par le public"), default=False
    )
    # An unpublished module is hidden from the public and closed to contributions.
    published = models.BooleanField(_("publié"), default=True)
    # Set when the organisers closed the module before its closing date.
    closed_early_on = models.DateField(_("clos par anticipation le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("module de participation")
        verbose_name_plural = _("modules de participation")
        ordering = ["process", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        """Each kind of module is served by its own domain package."""
        return reverse(
            f"{MODULE_URL_NAMESPACES[self.kind]}:module",
            kwargs={"slug": self.process.slug, "module_id": self.pk},
        )

    def organiser_page(self) -> tuple[str, str]:
        """The organisers' page for this kind of module, and its link label."""
        name, style, label = MODULE_ORGANISER_PAGES[self.kind]
        if style == "workspace":
            kwargs = {"pk": self.process_id, "module_id": self.pk}
        else:
            kwargs = {"slug": self.process.slug, "module_id": self.pk}
        return reverse(name, kwargs=kwargs), str(label)

    def is_open(self, today=None) -> bool:
        """Citizens may contribute: the process is open and today is within the dates."""
        today = today or timezone.localdate()
        return (
            self.process.status == Status.OPEN
            and self.published
            and self.closed_early_on is None
            and self.opens_on <= today <= self.closes_on
        )

    def participation_count(self) -> int:
        """What citizens left here: contributions, questionnaire responses (drafts too) and
        meeting registrations. A module holding any of it is never deleted."""
        from concerto.meetings.models import Registration

        return (
            self.contributions.count()
            + self.questionnaire_responses.count()
            + Registration.objects.filter(meeting__module=self).count()
        )

    @property
    def offline_kind(self) -> str:
        """What a contribution that arrived offline (paper, mail, meeting) is here: in a
        proposals module, a proposal, listed, supported and answered like online ones."""
        from concerto.participation.models.contribution import ContributionKind

        if self.kind == ModuleKind.PROPOSALS:
            return ContributionKind.PROPOSAL
        return ContributionKind.CONTRIBUTION

    def offline_title(self, title: str, body: str) -> str:
        """The title of such a contribution: a proposal is listed by its title, so one
        that came without a title takes the first words of its text."""
        from concerto.participation.models.contribution import ContributionKind, title_from_body

        title = title.strip()
        if not title and self.offline_kind == ContributionKind.PROPOSAL:
            return title_from_body(body)
        return title

    def get_abilities(self, user) -> dict[str, bool]:
        from concerto.participation.abilities import module_abilities

        return module_abilities(self, user)
