"""The declaration form's steps, in order."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from concerto.processes.forms import declaration as forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    # (relation name, formset class, fields copied into the formset's initial data)
    formset: tuple[str, type, tuple[str, ...]] | None = None


STEPS: tuple[Step, ...] = (
    Step("identite", _("Identité"), forms.IdentityForm),
    Step("cadrage", _("Cadrage et décision"), forms.FramingForm),
    Step("publics", _("Publics"), forms.PublicsForm),
    Step("methode", _("Méthode et calendrier"), forms.MethodForm),
    Step(
        "information",
        _("Information des participants"),
        forms.InformationForm,
        ("sources", forms.SourceFormSet, ("title", "viewpoint", "url", "contradictory")),
    ),
    Step("moyens", _("Moyens"), forms.ResourcesForm),
    Step(
        "suites",
        _("Devoir de suite"),
        forms.FollowUpForm,
        (
            "commitments",
            forms.CommitmentFormSet,
            ("what", "who", "due_date", "channel", "quantity"),
        ),
    ),
    Step("evaluation", _("Évaluation"), forms.EvaluationForm),
)
BY_SLUG = {step.slug: step for step in STEPS}


def neighbours(step: Step) -> tuple[Step | None, Step | None]:
    index = STEPS.index(step)
    previous = STEPS[index - 1] if index else None
    following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return previous, following
