"""The demo process answered end to end (issue 23): declared, reviewed, opened and then,
in concerto/demo/followup.py, closed, analysed, answered, implemented and evaluated."""

from decimal import Decimal

from concerto.demo.processes import ACCEPTED, ANSWERED_TITLE, DemoProcess, DemoRecommendation
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion

ANSWERED: tuple[DemoProcess, ...] = (
    # Real answers of the Grand Débat national (2019) to its environment question, in a
    # process whose devoir de suite is complete: the flagship journey of the platform.
    DemoProcess(
        title=ANSWERED_TITLE,
        ministry="transition-ecologique",
        directorate="dgaln",
        lead="agent.ecologie@exemple.gouv.fr",
        referent="referente.ecologie@exemple.gouv.fr",
        status=Status.OPEN,
        days={
            "created": -250,
            "submitted": -236,
            "assigned": -235,
            "opinion": -220,
            "answered": -212,
            "published": -206,
            "opened": -166,
        },
        fields={
            "summary": "Que faites-vous déjà pour protéger l'environnement, et que pourriez-vous "
            "faire ? Vos réponses, en ligne et sur papier, nourrissent le plan national "
            "d'action pour les gestes du quotidien.",
            "sponsor": "directrice.dgaln@exemple.gouv.fr",
            "sponsor_title": "Directrice générale de l'aménagement, du logement et de la nature",
            "territory_level": "national",
            "territories": "France entière, outre-mer compris",
            "problem": "Beaucoup de personnes veulent agir pour l'environnement mais disent "
            "manquer de solutions concrètes près de chez elles : tri, réparation, transports, "
            "alimentation.",
            "decision_at_stake": "Les mesures du plan national d'action pour les gestes du "
            "quotidien : consigne, réparation, pistes cyclables, circuits courts.",
            "decision_maker": "Le ministre chargé de la transition écologique",
            "decision_date": -30,
            "negotiable": "Les mesures du plan, leurs publics prioritaires et leur calendrier.",
            "non_negotiable": "Les objectifs de réduction des déchets fixés par la loi.",
            "alternatives": "Étendre les aides existantes ; créer de nouvelles obligations "
            "pour les distributeurs ; ne rien changer.",
            "publics_concerned": "Tous les habitants, les collectivités et les associations.",
            "outreach": "Relais des mairies, des associations d'éducation à l'environnement et "
            "des cahiers citoyens.",
            "offline_reach": "Cahiers citoyens en mairie, saisis sur la plateforme.",
            "target_participants": 10000,
            "methods": ["public_consultation", "information"],
            "participation_start": -166,
            "participation_end": -120,
            "calendar": "Six semaines de consultation ; synthèse publique un mois après ; "
            "réponse à chaque thème deux mois après la clôture.",
            "modules_planned": "Questionnaire ouvert en ligne et sur papier, propositions.",
            "budget": Decimal("90000.00"),
            "team": "Bureau de la participation (DGALN), deux personnes.",
            "providers": "Analyse Publique (analyse des contributions), par l'accord-cadre.",
            "follow_up_date": -45,
            "evaluation_plan": "Évaluation par une experte du groupe d'experts du CIPC.",
        },
        themes=("environnement-climat",),
        sources=(
            ("Bilan des cahiers citoyens", "administration", False),
            ("Position des associations de protection de la nature", "associations", True),
            ("Avis des fédérations de la distribution", "professionnels du commerce", True),
        ),
        commitments=(
            (
                "Réponse publique à chaque thème de la synthèse",
                "La direction générale de l'aménagement, du logement et de la nature",
                -45,
                "Page du dispositif",
            ),
            (
                "Ce qui a été retenu dans le plan national d'action",
                "Le ministre chargé de la transition écologique",
                -10,
                "Page du dispositif et communiqué",
            ),
        ),
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="La question est ouverte, les cahiers papier sont saisis et le devoir de "
        "suite est daté : le dispositif peut être lancé.",
        recommendations=(
            DemoRecommendation(
                "Répondre à chaque thème de la synthèse, pas seulement aux propositions.",
                ACCEPTED,
                "Chaque thème recevra une réponse publique datée.",
            ),
        ),
    ),
)
