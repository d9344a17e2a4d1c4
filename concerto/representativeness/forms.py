from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from concerto.representativeness.catalogue import catalogue, question_choices
from concerto.representativeness.models import DEFAULT_ALERT_PERCENT


class SettingsForm(DsfrBaseForm):
    questions = forms.MultipleChoiceField(
        label=_("Questions de profil posées aux participants"),
        help_text=_(
            "Chaque question est facultative pour les participants et comparée à la "
            "population de référence indiquée."
        ),
        choices=question_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    alert_percent = forms.IntegerField(
        label=_("Seuil d'alerte (en % de la part dans la population)"),
        help_text=_(
            "Vous êtes alerté quand la part d'un groupe parmi les répondants est inférieure "
            "à ce pourcentage de sa part dans la population (80 : moins des quatre "
            "cinquièmes) : sur la page de représentativité, et par courriel dès 20 "
            "répondants à la question, au plus une fois par semaine pour un même groupe."
        ),
        min_value=1,
        max_value=100,
        initial=DEFAULT_ALERT_PERCENT,
    )


# Above this many answers a radio group is too long to read and to scroll past: a select
# list instead (the 103 départements; the 18 regions stay radio buttons).
MAX_RADIOS = 30


class ProfileAnswersForm(DsfrBaseForm):
    """One optional radio group (or select list, for long lists such as the départements)
    per chosen question; nothing is required.

    The last field asks, unticked, whether to keep the answers in the account-level
    profile so that the next processes can pre-fill them.
    """

    save_to_profile = forms.BooleanField(
        label=_("Enregistrer ces réponses dans mon profil pour les prochains dispositifs"),
        help_text=_(
            "Facultatif. Elles y seront pré-remplies ; vous pourrez toujours les changer, et "
            "les effacer à tout moment depuis « Mon profil de participant »."
        ),
        required=False,
    )

    def __init__(self, *args, questions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        known = catalogue()
        consent = self.fields.pop("save_to_profile")
        for key in questions:
            question = known[key]
            self.fields[key] = forms.ChoiceField(
                label=question.prompt,
                choices=[("", _("Je préfère ne pas répondre"))]
                + [(c.code, c.label) for c in question.categories],
                widget=(
                    forms.Select if len(question.categories) > MAX_RADIOS else forms.RadioSelect
                ),
                required=False,
            )
        self.fields["save_to_profile"] = consent
        self.question_keys = list(questions)

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in self.question_keys}
