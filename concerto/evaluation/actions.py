"""Named write operations of the evaluation of processes."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role
from concerto.csvreading import CsvReader, CsvRefused
from concerto.editing import EditConflict
from concerto.evaluation.abilities import evaluation_abilities
from concerto.evaluation.indicators import all_indicators
from concerto.evaluation.models import (
    AnnualReport,
    Audience,
    Dimension,
    EvaluationReport,
    EvaluatorGrant,
    ReferenceMargin,
    Survey,
    SurveyParticipation,
    SurveyResponse,
)
from concerto.evaluation.models.margins import DIMENSION_CATEGORIES
from concerto.evaluation.models.report import OECD_CRITERIA, CriterionRating
from concerto.evaluation.questions import LIKERT, LIKERT_CHOICES, questions_for
from concerto.evaluation.surveys import invitees
from concerto.notifications.actions import notify
from concerto.processes.actions.common import locked, transition
from concerto.processes.lifecycle import PROCESS_WORKFLOW
from concerto.processes.models import Process
from concerto.representativeness.catalogue import catalogue


def require(process: Process, user, ability: str) -> None:
    if not evaluation_abilities(process, user)[ability]:
        raise PermissionDenied


@transaction.atomic
def grant_evaluator(process: Process, *, actor, expert) -> EvaluatorGrant:
    """Give an expert access to one process to evaluate it; granting twice is harmless."""
    require(process, actor, "grant_access")
    if Role.EXPERT not in expert.roles:
        raise ValidationError({"expert": _("Cette personne n'a pas le rôle d'expert.")})
    grant, created = EvaluatorGrant.objects.get_or_create(
        process=process, expert=expert, defaults={"granted_by": actor}
    )
    if created:
        notify(
            [expert],
            subject=_("Évaluation confiée : %(title)s") % {"title": process.title},
            body=_("Le CIPC vous a confié l'évaluation de ce dispositif."),
            url=reverse("evaluation:workspace", args=[process.pk]),
        )
    return grant


@transaction.atomic
def open_survey(process: Process, *, actor, audience: str) -> Survey:
    """Send the evaluation survey to the participants or the organisers, once."""
    process = locked(process)
    require(process, actor, "open_surveys")
    survey = Survey.objects.filter(process=process, audience=audience).first()
    if survey is not None:
        return survey
    survey = Survey.objects.create(
        process=process,
        audience=audience,
        questions=questions_for(audience, process.methods),
        opened_by=actor,
    )
    if audience == Audience.PARTICIPANTS:
        subject = _("Votre avis sur « %(title)s »") % {"title": process.title}
        body = _(
            "Vous avez participé à ce dispositif. Dites-nous en quelques minutes comment "
            "vous l'avez vécu : vos réponses sont anonymes."
        )
    else:
        subject = _("Questionnaire organisateur : %(title)s") % {"title": process.title}
        body = _("Décrivez comment le dispositif a été mené, pour son évaluation.")
    notify(
        list(invitees(process, audience)),
        subject=subject,
        body=body,
        url=reverse(f"evaluation:survey_{audience}", args=[process.slug]),
    )
    return survey


def may_answer(survey: Survey, user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and survey.closed_at is None
        and invitees(survey.process, survey.audience).filter(pk=user.pk).exists()
    )


def clean_answers(survey: Survey, raw: dict) -> dict:
    answers, errors = {}, {}
    likert = {code for code, _label in LIKERT_CHOICES}
    for question in survey.questions:
        value = (raw.get(question["code"]) or "").strip()
        if question["kind"] == LIKERT and value and value not in likert:
            value = ""
        if question["required"] and not value:
            errors[question["code"]] = _("Choisissez une réponse.")
        answers[question["code"]] = value[:4000]
    if errors:
        raise ValidationError(errors)
    return answers


def answer_survey(survey: Survey, *, user, answers: dict) -> None:
    """Store one anonymous answer: the person is recorded apart, only to refuse a second
    answer (a double click or a second visit)."""
    if not may_answer(survey, user):
        raise PermissionDenied
    cleaned = clean_answers(survey, answers)
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(survey=survey, user=user)
            SurveyResponse.objects.create(
                survey=survey, answers=cleaned, submitted_on=timezone.localdate()
            )
    except IntegrityError:
        raise ValidationError(_("Vous avez déjà répondu à ce questionnaire. Merci !")) from None


def _share(value: str, field: str) -> Decimal:
    try:
        share = Decimal(value.replace(",", ".").replace("%", "").strip())
    except InvalidOperation:
        raise ValidationError({field: _("Saisissez un pourcentage, par exemple 51,6.")}) from None
    if not (0 <= share <= 100):
        raise ValidationError({field: _("Un pourcentage est compris entre 0 et 100.")})
    return share.quantize(Decimal("0.01"))


@transaction.atomic
def set_reference_margins(
    process: Process, *, actor, margins: dict[str, dict[str, str]], source: str = ""
) -> int:
    """Replace the reference margins of the dimensions given ({dimension: {category:
    share}}); empty shares are dropped. A dimension's shares may not exceed 100 %."""
    process = locked(process)
    require(process, actor, "edit_margins")
    errors: dict[str, str] = {}
    parsed: dict[str, dict[str, Decimal]] = {}
    for dimension, values in margins.items():
        if dimension not in Dimension.values:
            raise ValidationError(_("Critère inconnu : %(name)s.") % {"name": dimension})
        known = {code for code, _label in DIMENSION_CATEGORIES.get(dimension, [])}
        parsed[dimension] = {}
        for category, value in values.items():
            if not str(value).strip():
                continue
            field = f"{dimension}__{category}"
            if known and category not in known:
                raise ValidationError(_("Catégorie inconnue : %(name)s.") % {"name": category})
            try:
                parsed[dimension][category] = _share(str(value), field)
            except ValidationError as error:
                errors.update(error.message_dict)
        if sum(parsed[dimension].values()) > Decimal("100.5"):
            errors[dimension] = _("Les parts de « %(dimension)s » dépassent 100 %% au total.") % {
                "dimension": Dimension(dimension).label
            }
    if errors:
        raise ValidationError(errors)
    count = 0
    for dimension, shares in parsed.items():
        ReferenceMargin.objects.filter(process=process, dimension=dimension).delete()
        ReferenceMargin.objects.bulk_create(
            ReferenceMargin(process=process, dimension=dimension, category=category,
                            share=share, source=source[:255])
            for category, share in shares.items()
        )  # fmt: skip
        count += len(shares)
    return count


@transaction.atomic
def use_catalogue_margins(process: Process, *, actor) -> int:
    """Replace the margins of every criterion the State-wide profile catalogue also has
    (age band, gender, département) with the catalogue's national reference shares and
    their source, the same figures as the process's representativeness page: for a
    national process, nothing to type. A local process keeps entering its own."""
    known = catalogue()
    count = 0
    for dimension in Dimension.values:
        question = known.get(dimension)
        if question is None or not question.compared:
            continue
        shares = {
            code: str((Decimal(100) * Decimal(share)).quantize(Decimal("0.01")))
            for code, share in question.shares().items()
        }
        source = f"{question.source} ({question.year})" if question.year else question.source
        count += set_reference_margins(
            process, actor=actor, margins={dimension: shares}, source=source
        )
    return count


MAX_MARGIN_ROWS = 1_000


def parse_margins_csv(data: bytes | str) -> dict[str, dict[str, str]]:
    """Columns `critere,categorie,part`; e.g. `genre,woman,51.6` or `departement,29,1.4`
    (UTF-8 or Windows-1252, separated by commas, semicolons or tabs)."""
    names = {"age": Dimension.AGE_BAND, "tranche_age": Dimension.AGE_BAND,
             "age_band": Dimension.AGE_BAND, "genre": Dimension.GENDER,
             "gender": Dimension.GENDER, "departement": Dimension.DEPARTEMENT}  # fmt: skip
    if isinstance(data, str):
        data = data.encode()
    try:
        reader = CsvReader(data, max_rows=MAX_MARGIN_ROWS, rows_name=_("marges"))
        header = [name.lower() for name in reader.header]
        if not {"critere", "categorie", "part"} <= set(header):
            raise ValidationError(
                {"file": _("Le fichier doit avoir les colonnes critere, categorie et part.")}
            )
        margins: dict[str, dict[str, str]] = {}
        for row in reader:
            if row.error:
                raise ValidationError({"file": row.labelled_error})
            values = row.as_dict(header)
            dimension = names.get(values["critere"].strip().lower())
            if dimension is None:
                raise ValidationError(
                    {"file": _("Ligne %(line)d : critère inconnu « %(name)s ».")
                     % {"line": row.line, "name": values["critere"]}}
                )  # fmt: skip
            margins.setdefault(dimension, {})[values["categorie"].strip()] = values["part"]
    except CsvRefused as refused:
        raise ValidationError({"file": refused.errors}) from None
    return margins


def _report_for_update(process: Process, actor) -> EvaluationReport:
    report, _created = EvaluationReport.objects.get_or_create(
        process=process, defaults={"evaluator": actor}
    )
    return EvaluationReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def save_report(
    process: Process, *, actor, summary: str, judgements: dict, expected_revision: int | None
) -> EvaluationReport:
    """Save the evaluator's judgement per OECD criterion; a stale form is refused."""
    process = locked(process)
    require(process, actor, "write_report")
    report = _report_for_update(process, actor)
    if expected_revision is not None and report.revision != expected_revision:
        raise EditConflict
    ratings = set(CriterionRating.values)
    cleaned = {}
    for code, _label in OECD_CRITERIA:
        entry = judgements.get(code) or {}
        rating = entry.get("rating", "")
        cleaned[code] = {
            "rating": rating if rating in ratings else "",
            "text": (entry.get("text") or "").strip(),
        }
    report.summary = summary.strip()
    report.judgements = cleaned
    report.evaluator = actor
    report.revision += 1
    report.save()
    return report


@transaction.atomic
def publish_report(process: Process, *, actor) -> EvaluationReport:
    """Freeze the indicators into the report and publish it; the process becomes
    evaluated once its follow-up is published."""
    process = locked(process)
    require(process, actor, "write_report")
    report = _report_for_update(process, actor)
    missing = [
        str(label)
        for code, label in OECD_CRITERIA
        if not (report.judgements.get(code) or {}).get("rating")
        or not (report.judgements.get(code) or {}).get("text")
    ]
    if not report.summary or missing:
        raise ValidationError(
            _("Avant de publier, rédigez la synthèse et appréciez chaque critère : %(list)s.")
            % {"list": ", ".join(missing) or _("synthèse")}
        )
    if report.is_published:
        return report
    report.snapshot = all_indicators(process)
    report.status = EvaluationReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.revision += 1
    report.save()
    # Published earlier in the lifecycle, the report leaves the status as it is.
    if PROCESS_WORKFLOW.allows(process, "publish_evaluation"):
        transition(process, "publish_evaluation", actor, _("Rapport d'évaluation publié"))
    return report


@transaction.atomic
def publish_annual_report(*, actor, year: int, introduction: str) -> AnnualReport:
    if not is_cipc(actor):
        raise PermissionDenied
    if not introduction.strip():
        raise ValidationError({"introduction": _("Rédigez l'introduction du rapport.")})
    report, created = AnnualReport.objects.select_for_update().get_or_create(
        year=year, defaults={"introduction": introduction.strip(), "published_by": actor}
    )
    if not created:
        report.introduction = introduction.strip()
        report.save(update_fields=["introduction"])
    return report
