from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.participation import kinds
from concerto.processes.lifecycle import Status


class Module(models.Model):
    """One participation module a process opens to citizens, with its own dates."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="modules"
    )
    # A registered module kind's code (concerto.participation.kinds): no fixed choices,
    # so that a new kind needs no migration here.
    kind = models.CharField(_("type"), max_length=20, validators=[kinds.validate_registered])
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
            f"{self.kind_spec.namespace}:module",
            kwargs={"slug": self.process.slug, "module_id": self.pk},
        )

    @property
    def kind_spec(self) -> kinds.ModuleKindSpec:
        return kinds.get(self.kind)

    def get_kind_display(self) -> str:
        return str(self.kind_spec.label)

    def organiser_page(self) -> tuple[str, str] | None:
        """The organisers' page for this kind of module, and its link label."""
        return self.kind_spec.organiser_page(self)

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
        """What citizens left here: contributions, and what the kind counts besides
        (questionnaire responses, meeting registrations). A module holding any of it is
        never deleted."""
        extra = sum(count(self) for count in self.kind_spec.participation_counters)
        return self.contributions.count() + extra

    @property
    def offline_kind(self) -> str:
        """What a contribution that arrived offline (paper, mail, meeting) is here: in a
        proposals module, a proposal, listed, supported and answered like online ones."""
        return self.kind_spec.offline_contribution_kind

    def offline_title(self, title: str, body: str) -> str:
        """The title of such a contribution: a proposal is listed by its title, so one
        that came without a title takes the first words of its text."""
        # cycle: participation.models imports participation.models.module
        from concerto.participation.models.contribution import ContributionKind, title_from_body

        title = title.strip()
        if not title and self.offline_kind == ContributionKind.PROPOSAL:
            return title_from_body(body)
        return title

    def get_abilities(self, user) -> dict[str, bool]:
        # cycle: participation.abilities imports participation.models, which imports this
        from concerto.participation.abilities import module_abilities

        return module_abilities(self, user)
