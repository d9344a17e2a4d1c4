"""Demo data: evaluations, State figures and expert groups (issue 11)."""

from datetime import timedelta

from django.utils import timezone

from concerto.accounts.models import User
from concerto.evaluation.models import ReferenceMargin
from concerto.expertgroups import actions as group_actions
from concerto.expertgroups.models import Draft, ExpertGroup
from concerto.processes.models import Process


def load() -> None:
    """Idempotent: safe to run on every `make run`."""
    advisor = User.objects.filter(email="conseiller.cipc@exemple.gouv.fr").first()
    expert = User.objects.filter(email="experte@exemple.gouv.fr").first()
    processes = list(Process.objects.published().order_by("pk")[:2])
    if advisor is None or expert is None or not processes or ExpertGroup.objects.exists():
        return
    _margins(processes[0], advisor)
    group = group_actions.save_group(
        actor=advisor,
        fields={
            "name": "Groupe d'experts « Participation et transition écologique »",
            "mandate": "Analyser les concertations de l'État sur la transition écologique, "
            "identifier ce qui aide et ce qui freine la participation, et proposer des "
            "recommandations au gouvernement.",
            "calendar": "Janvier : audition des organisateurs\n"
            "Mars : comparaison des dispositifs\nJuin : recommandations",
            "starts_on": timezone.localdate() - timedelta(days=60),
            "ends_on": timezone.localdate() + timedelta(days=300),
        },
        members=[expert],
        processes=processes,
    )
    draft = group_actions.create_draft(
        group, actor=expert, kind="recommendation",
        title="Répondre à chaque contribution reçue sur papier",
        body="Les contributions papier et les cahiers citoyens représentent une part notable "
        "des participations : elles doivent être saisies et recevoir une réponse publique "
        "dans les mêmes délais que les contributions en ligne.",
    )  # fmt: skip
    group_actions.comment_draft(draft, actor=advisor, body="Précisons qui saisit les cahiers.")
    draft = group_actions.publish_recommendation(draft, actor=advisor)
    group_actions.record_government_answer(
        Draft.objects.get(pk=draft.pk), actor=advisor, status="partly",
        reason="Les préfectures saisiront les cahiers citoyens ; le délai de réponse sera "
        "aligné sur celui des contributions en ligne à partir de l'an prochain.",
        answered_on=timezone.localdate(),
    )  # fmt: skip


def _margins(process: Process, actor) -> None:
    """Census-like reference margins (Insee, population of France, rounded)."""
    rows = {
        "gender": {"woman": 51.6, "man": 48.4},
        "age_band": {"18_24": 9.5, "25_34": 14.8, "35_49": 23.6, "50_64": 24.1,
                     "65_plus": 28.0},
    }  # fmt: skip
    for dimension, shares in rows.items():
        for category, share in shares.items():
            ReferenceMargin.objects.get_or_create(
                process=process, dimension=dimension, category=category,
                defaults={"share": share, "source": "Insee, recensement de la population"},
            )  # fmt: skip
