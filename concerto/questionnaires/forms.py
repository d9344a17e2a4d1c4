import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr
from dsfr.widgets import InlineRadioSelect

from concerto.forms import ModelChoiceField
from concerto.participation.forms import IdempotentForm
from concerto.participation.models.contribution import MAX_BODY_LENGTH
from concerto.questionnaires.models import Question, QuestionKind


class _Lenient:
    """Required questions are marked as such, but whether an answer is missing is decided
    by the questionnaire's rules (a hidden conditional question needs none, a draft may
    be incomplete), not by the field."""

    def clean(self, value):
        required, self.required = self.required, False
        try:
            return super().clean(value)
        finally:
            self.required = required


class SingleChoiceField(_Lenient, forms.ChoiceField):
    pass


class MultipleChoiceField(_Lenient, forms.MultipleChoiceField):
    pass


class ScaleField(_Lenient, forms.TypedChoiceField):
    pass


class OpenField(_Lenient, forms.CharField):
    pass


class RankingWidget(forms.MultiWidget):
    """One select per choice, giving its rank: works without JavaScript."""

    template_name = "questionnaires/widgets/ranking.html"

    def __init__(self, choices: list[str], attrs=None):
        self.labels = list(choices)
        ranks = [("", _("Rang"))] + [(str(rank), str(rank)) for rank in range(1, len(choices) + 1)]
        attrs = {"class": "fr-select", **(attrs or {})}
        super().__init__([forms.Select(choices=ranks) for _choice in choices], attrs)

    def decompress(self, value):
        """A stored ranking (choices, best first) as the rank shown for each choice."""
        value = list(value or [])
        return [str(value.index(label) + 1) if label in value else "" for label in self.labels]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context


class RankingField(_Lenient, forms.MultiValueField):
    template_name = "questionnaires/widgets/ranking_field.html"

    def __init__(self, choices: list[str], **kwargs):
        self.labels = list(choices)
        ranks = [str(rank) for rank in range(1, len(choices) + 1)]
        fields = [
            forms.ChoiceField(choices=[(rank, rank) for rank in ranks], required=False)
            for _choice in choices
        ]
        super().__init__(fields, widget=RankingWidget(choices), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        """The choices ordered by the ranks given, None when nothing is ranked."""
        ranks = [value or "" for value in data_list]
        if not any(ranks):
            return None
        if not all(ranks) or len(set(ranks)) != len(ranks):
            raise ValidationError(
                _("Classez toutes les propositions, en donnant un rang différent à chacune.")
            )
        return [label for _rank, label in sorted(zip(map(int, ranks), self.labels, strict=True))]


def question_field(question: Question, number: int, condition_hint: str = "") -> forms.Field:
    help_text = " ".join(part for part in (question.help_text, condition_hint) if part)
    common = {
        "label": f"{number}. {question.text}",
        "help_text": help_text,
        "required": question.required,
    }
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        choices = [(choice, choice) for choice in question.choices]
        return SingleChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.MULTIPLE:
        choices = [(choice, choice) for choice in question.choices]
        return MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == QuestionKind.SCALE:
        labels = {question.scale_min: question.scale_min_label}
        labels[question.scale_max] = question.scale_max_label
        choices = [
            (value, f"{value} — {labels[value]}" if labels.get(value) else str(value))
            for value in question.scale_values
        ]
        return ScaleField(
            choices=choices, coerce=int, empty_value=None, widget=InlineRadioSelect, **common
        )
    if kind == QuestionKind.RANKING:
        return RankingField(question.choices, **common)
    return OpenField(
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        **common,
    )


class AnswerForm(IdempotentForm):
    """A questionnaire's questions as one form; draft answers as initial values."""

    use_required_attribute = False

    def __init__(self, questions: list[Question], *args, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        numbers = {question.pk: index for index, question in enumerate(self.questions, start=1)}
        by_id = {question.pk: question for question in self.questions}
        for question in self.questions:
            hint = ""
            if question.condition_question_id in by_id:
                hint = _(
                    "Répondez seulement si vous avez répondu %(values)s à la question %(number)s."
                ) % {
                    "values": _(" ou ").join(f"« {value} »" for value in question.condition_values),
                    "number": numbers[question.condition_question_id],
                }
            field = question_field(question, numbers[question.pk], hint)
            self.fields[question.field_name] = field
            if answers and question.pk in answers:
                value = answers[question.pk]
                if question.kind == QuestionKind.RANKING:
                    # A list reaches the widget as is: give it ranks, not the ranked choices.
                    value = field.widget.decompress(value)
                self.initial[question.field_name] = value
        # Fields added after DsfrBaseForm.__init__ still need their DSFR classes.
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def answers(self) -> dict[int, object]:
        return {
            question.pk: self.cleaned_data.get(question.field_name) for question in self.questions
        }

    def items(self):
        """(question, bound field, condition values as JSON) in order, for the template."""
        return [
            (question, self[question.field_name], json.dumps(question.condition_values))
            for question in self.questions
        ]


class QuestionForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=gettext_lazy("Type de question"), choices=QuestionKind.choices)
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500)
    help_text = forms.CharField(label=gettext_lazy("Aide"), max_length=500, required=False)
    choices = forms.CharField(
        label=gettext_lazy("Choix proposés"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Un choix par ligne, pour les questions à choix unique, multiples et les classements."
        ),
    )
    required = forms.BooleanField(label=gettext_lazy("Réponse obligatoire"), required=False)
    scale_min = forms.IntegerField(
        label=gettext_lazy("Minimum de l'échelle"), initial=1, required=False
    )
    scale_max = forms.IntegerField(
        label=gettext_lazy("Maximum de l'échelle"), initial=5, required=False
    )
    scale_min_label = forms.CharField(
        label=gettext_lazy("Libellé du minimum"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("Par exemple : Pas du tout d'accord"),
    )
    scale_max_label = forms.CharField(
        label=gettext_lazy("Libellé du maximum"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("Par exemple : Tout à fait d'accord"),
    )
    condition_question = ModelChoiceField(
        label=gettext_lazy("Afficher seulement selon la réponse à la question"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=gettext_lazy("Toujours afficher"),
    )
    condition_values = forms.CharField(
        label=gettext_lazy("Réponses qui affichent la question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Une réponse par ligne, écrite comme dans la question choisie."),
    )

    def __init__(self, *args, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["condition_question"]
        field.queryset = sources if sources is not None else Question.objects.none()
        field.label_from_instance = lambda question: question.text

    def cleaned_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "choices": _lines(data["choices"]),
            "required": data["required"],
            "scale_min": data["scale_min"] if data["scale_min"] is not None else 1,
            "scale_max": data["scale_max"] if data["scale_max"] is not None else 5,
            "scale_min_label": data["scale_min_label"],
            "scale_max_label": data["scale_max_label"],
            "condition_question": data["condition_question"],
            "condition_values": _lines(data["condition_values"]),
        }

    @staticmethod
    def initial_for(question: Question) -> dict:
        return {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "choices": "\n".join(question.choices),
            "required": question.required,
            "scale_min": question.scale_min,
            "scale_max": question.scale_max,
            "scale_min_label": question.scale_min_label,
            "scale_max_label": question.scale_max_label,
            "condition_question": question.condition_question_id,
            "condition_values": "\n".join(question.condition_values),
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
