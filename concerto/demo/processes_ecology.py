"""Demo processes of the ministry of ecological transition."""

from decimal import Decimal

from concerto.demo.processes import (
    ACCEPTED,
    ADVISOR,
    DECLINED,
    PARTLY,
    DemoProcess,
    DemoRecommendation,
)
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion

ECOLOGY: tuple[DemoProcess, ...] = (
    # Inspired by the "Se loger" proposals of the Convention citoyenne pour le climat
    # (2020): one-stop renovation desks, aid for the poorest households, training.
    DemoProcess(
        title="Rénover mieux : consultation nationale sur la rénovation énergétique des logements",
        ministry="transition-ecologique",
        directorate="dgaln",
        lead="agent.ecologie@exemple.gouv.fr",
        referent="referente.ecologie@exemple.gouv.fr",
        status=Status.OPEN,
        days={
            "created": -96,
            "submitted": -82,
            "assigned": -81,
            "opinion": -66,
            "answered": -58,
            "published": -52,
            "opened": -12,
        },
        fields={
            "summary": "Propriétaires, locataires, copropriétés, artisans : dites-nous ce qui "
            "freine la rénovation de votre logement et ce qui vous aiderait, avant la refonte "
            "des aides à la rénovation énergétique.",
            "sponsor": "directrice.dgaln@exemple.gouv.fr",
            "sponsor_title": "Directrice générale de l'aménagement, du logement et de la nature",
            "territory_level": "national",
            "territories": "France entière, outre-mer compris",
            "problem": "Des millions de logements sont des passoires thermiques ; les "
            "rénovations globales restent rares, les aides sont jugées complexes et "
            "l'accompagnement des ménages est inégal selon les territoires.",
            "decision_at_stake": "Le contenu du plan « Rénover mieux » : simplification des "
            "aides, rôle des guichets uniques France Rénov', accompagnement des ménages "
            "modestes et des copropriétés.",
            "decision_maker": "La ministre chargée du logement",
            "decision_date": 120,
            "negotiable": "L'architecture des aides, les publics prioritaires, l'organisation "
            "de l'accompagnement local et le calendrier de montée en charge.",
            "non_negotiable": "L'objectif d'un parc de logements neutre en carbone en 2050 et le "
            "calendrier d'interdiction de location des logements les plus énergivores, fixés "
            "par la loi.",
            "alternatives": "Renforcer les aides existantes ; créer un prêt unique lié à un "
            "accompagnement obligatoire ; imposer la rénovation lors des ventes ; ne rien "
            "changer au dispositif actuel.",
            "publics_concerned": "Propriétaires occupants et bailleurs, locataires, syndics et "
            "conseils syndicaux, artisans du bâtiment, collectivités et espaces conseil France "
            "Rénov'.",
            "outreach": "Relais des espaces conseil France Rénov', des agences départementales "
            "d'information sur le logement, des fédérations du bâtiment et des associations de "
            "locataires.",
            "offline_reach": "Questionnaire papier dans les espaces conseil et les mairies, "
            "permanence téléphonique, ateliers dans des quartiers populaires et des communes "
            "rurales avec des ménages modestes.",
            "target_participants": 20000,
            "methods": ["public_consultation", "open_meetings", "information"],
            "participation_start": -12,
            "participation_end": 30,
            "calendar": "Six semaines de consultation en ligne et d'ateliers territoriaux ; "
            "synthèse publique un mois après la clôture ; décision deux mois plus tard.",
            "modules_planned": "Questionnaire en ligne, propositions commentables, quatorze "
            "ateliers territoriaux, permanence téléphonique.",
            "budget": Decimal("280000.00"),
            "team": "Bureau de la rénovation énergétique (DGALN), trois personnes, avec "
            "l'appui de l'Agence nationale de l'habitat.",
            "providers": "Concertation & Territoires (ateliers) et Analyse Publique (analyse des "
            "contributions), par l'accord-cadre de la DITP.",
            "follow_up_date": 90,
            "evaluation_plan": "Questionnaire aux participants, indicateurs de diversité des "
            "publics touchés, bilan publié avec les suites.",
        },
        themes=("logement", "energie", "environnement-climat"),
        sources=(
            ("Étude d'impact des aides à la rénovation", "administration", False),
            (
                "Rapport de la Cour des comptes sur la rénovation énergétique des logements",
                "institution de contrôle",
                True,
            ),
            ("Contribution des fédérations du bâtiment", "professionnels du bâtiment", True),
            ("Position des associations de lutte contre le mal-logement", "associations", True),
            (
                "Propositions « Se loger » de la Convention citoyenne pour le climat",
                "citoyens tirés au sort",
                True,
            ),
        ),
        commitments=(
            (
                "Synthèse des contributions et des ateliers",
                "Analyse Publique, sous l'autorité de la DGALN",
                60,
                "Page du dispositif et courriel aux participants inscrits",
            ),
            (
                "Réponse publique aux vingt propositions les plus soutenues",
                "La direction générale de l'aménagement, du logement et de la nature",
                75,
                "Page du dispositif",
            ),
            (
                "Ce qui a été retenu des contributions dans le plan « Rénover mieux »",
                "La ministre chargée du logement",
                90,
                "Page du dispositif et communiqué",
            ),
        ),
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Le dispositif est bien cadré : la décision en jeu, ce qui est ouvert au "
        "changement et le calendrier sont clairs, et la participation se termine trois mois "
        "avant la décision. Le CIPC formule trois recommandations pour mieux atteindre les "
        "ménages modestes et garantir la qualité du devoir de suite.",
        recommendations=(
            DemoRecommendation(
                "Prévoir des ateliers dans les territoires ruraux et ultramarins, où la précarité "
                "énergétique est la plus forte.",
                ACCEPTED,
                "Quatre ateliers ajoutés : deux en communes rurales, un en Guadeloupe et un à "
                "La Réunion.",
            ),
            DemoRecommendation(
                "Confier l'analyse des contributions à un tiers indépendant et publier sa méthode.",
                PARTLY,
                "L'analyse est confiée à un prestataire de l'accord-cadre et sa méthode sera "
                "publiée ; un comité scientifique indépendant n'est pas finançable cette année.",
            ),
            DemoRecommendation(
                "Prolonger la consultation à trois mois pour laisser les copropriétés en "
                "délibérer en assemblée générale.",
                DECLINED,
                "La décision doit précéder la prochaine campagne d'aides ; les conseils "
                "syndicaux peuvent déposer une contribution collective et un webinaire leur est "
                "consacré.",
            ),
        ),
    ),
    # Inspired by the Convention citoyenne pour le climat (2019-2020): 150 citizens drawn
    # by lot with six quota criteria, independent guarantors, a public answer.
    DemoProcess(
        title="Convention citoyenne sur la sobriété énergétique",
        ministry="transition-ecologique",
        directorate="dgec",
        lead="agent.energie@exemple.gouv.fr",
        referent="referente.ecologie@exemple.gouv.fr",
        status=Status.PUBLISHED,
        days={
            "created": -75,
            "submitted": -62,
            "assigned": -61,
            "opinion": -47,
            "published": -30,
        },
        fields={
            "summary": "150 citoyennes et citoyens tirés au sort délibèrent pendant six "
            "week-ends pour proposer des mesures de sobriété énergétique justes et acceptées ; "
            "le Gouvernement répondra publiquement à chacune de leurs propositions.",
            "sponsor": "directeur.dgec@exemple.gouv.fr",
            "sponsor_title": "Directeur général de l'énergie et du climat",
            "territory_level": "national",
            "territories": "France entière, outre-mer compris",
            "problem": "La France doit réduire fortement sa consommation d'énergie d'ici 2030 ; "
            "les mesures de sobriété touchent la vie quotidienne et ne seront acceptées que si "
            "elles sont perçues comme justes.",
            "decision_at_stake": "Les mesures de sobriété du prochain plan national et leur "
            "répartition entre ménages, entreprises et administrations.",
            "decision_maker": "Le Gouvernement, sur proposition de la ministre de la Transition "
            "écologique",
            "decision_date": 240,
            "negotiable": "Le choix des mesures, leur calendrier, leur accompagnement social et "
            "leur répartition entre secteurs.",
            "non_negotiable": "L'objectif de réduction de la consommation d'énergie fixé par la "
            "programmation pluriannuelle de l'énergie.",
            "alternatives": "Mesures incitatives (information, aides), mesures réglementaires "
            "(normes, interdictions), signal-prix, ou une combinaison des trois ; la Convention "
            "peut en proposer d'autres.",
            "publics_concerned": "Toute la population résidant en France ; la Convention reflète "
            "sa diversité selon six critères : genre, âge, diplôme, catégorie "
            "socioprofessionnelle, région et type de territoire.",
            "outreach": "Tirage au sort de numéros de téléphone, puis sélection stratifiée selon "
            "les six critères ; indemnisation des membres et prise en charge de la garde "
            "d'enfants.",
            "offline_reach": "Recrutement par téléphone et par courrier, sans condition "
            "d'équipement ; déplacements et hébergement pris en charge ; matériel prêté aux "
            "membres qui n'en ont pas.",
            "target_participants": 150,
            "methods": ["deliberative", "information"],
            "participation_start": 45,
            "participation_end": 165,
            "calendar": "Six sessions de trois jours, une par mois ; auditions d'experts et de "
            "parties prenantes ; vote des propositions à la dernière session ; réponse du "
            "Gouvernement dans les deux mois.",
            "modules_planned": "Sessions plénières retransmises, groupes de travail, "
            "documentation ouverte au public.",
            "budget": Decimal("2400000.00"),
            "team": "Mission Convention de la DGEC (cinq personnes) et un comité de gouvernance "
            "indépendant.",
            "providers": "Tirage au sort et animation par les titulaires de l'accord-cadre de la "
            "DITP.",
            "guarantor": "Collège de trois garants désignés par la Commission nationale du débat "
            "public",
            "follow_up_date": 225,
            "evaluation_plan": "Évaluation par une équipe de recherche indépendante selon les "
            "lignes directrices de l'OCDE (2021) : questionnaire aux membres après chaque "
            "session et questionnaire aux organisateurs.",
            # The opinion is made public with the launch of the Convention, not before.
            "publish_opinion_at_launch": True,
        },
        themes=("energie", "environnement-climat", "democratie"),
        sources=(
            ("Programmation pluriannuelle de l'énergie", "administration", False),
            ("Avis du Haut Conseil pour le climat", "instance indépendante", True),
            ("Contribution des associations de consommateurs", "consommateurs", True),
            ("Contribution des organisations professionnelles de l'industrie", "entreprises", True),
        ),
        commitments=(
            (
                "Réponse motivée à chaque proposition adoptée par la Convention",
                "Le Gouvernement, par la voix de la ministre de la Transition écologique",
                225,
                "Séance publique devant la Convention et page du dispositif",
            ),
        ),
        verdict=Opinion.Verdict.FAVOURABLE,
        reasoning="Dispositif exemplaire : tirage au sort stratifié, garants indépendants, "
        "information plurielle, évaluation indépendante et engagement du Gouvernement à "
        "répondre à chaque proposition à une date fixée. Avis favorable.",
    ),
    # Inspired by the "Se loger" proposals of the Convention citoyenne pour le climat
    # (2020) on wasteland reuse; still a draft.
    DemoProcess(
        title="Reconquête des friches : concertation avec les habitants et les élus",
        ministry="transition-ecologique",
        directorate="dgaln",
        lead="agent.ecologie@exemple.gouv.fr",
        referent="referente.ecologie@exemple.gouv.fr",
        status=Status.DRAFT,
        days={"created": -3},
        fields={
            "summary": "Comment redonner vie aux friches commerciales et industrielles plutôt "
            "que d'artificialiser de nouveaux sols ?",
            "sponsor": "directrice.dgaln@exemple.gouv.fr",
            "sponsor_title": "Directrice générale de l'aménagement, du logement et de la nature",
            "territory_level": "national",
            "problem": "Des milliers d'hectares de friches restent inutilisés pendant que des "
            "terres agricoles sont artificialisées en périphérie des villes.",
            "decision_at_stake": "Les critères du prochain fonds de recyclage des friches.",
            "methods": ["open_meetings", "public_consultation"],
        },
        themes=("logement", "territoires", "environnement-climat"),
    ),
    # A national strategy under review: the demo advisor has questions.
    DemoProcess(
        title="Vivre avec les crues : consultation sur la gestion du risque d'inondation",
        ministry="transition-ecologique",
        directorate="dgpr",
        lead="agent.ecologie@exemple.gouv.fr",
        referent="referente.ecologie@exemple.gouv.fr",
        status=Status.UNDER_REVIEW,
        days={"created": -20, "submitted": -8, "assigned": -7},
        fields={
            "summary": "Habitants des zones inondables, élus, agriculteurs, entreprises : "
            "contribuez à la prochaine stratégie nationale de gestion du risque d'inondation.",
            "sponsor": "directeur.dgpr@exemple.gouv.fr",
            "sponsor_title": "Directeur général de la prévention des risques",
            "territory_level": "national",
            "territories": "Communes couvertes par un plan de prévention du risque d'inondation",
            "problem": "Un habitant sur quatre vit en zone inondable et les crues deviennent "
            "plus fréquentes ; la culture du risque reste faible.",
            "decision_at_stake": "Les priorités de la stratégie nationale : information des "
            "habitants, réduction de la vulnérabilité des bâtiments, solutions fondées sur la "
            "nature.",
            "decision_maker": "La ministre de la Transition écologique",
            "decision_date": 200,
            "negotiable": "Les priorités d'action et la répartition des moyens entre "
            "prévention, protection et information.",
            "non_negotiable": "Les zones réglementées par les plans de prévention en vigueur.",
            "alternatives": "Renforcer les digues ; rendre de l'espace aux rivières ; adapter les "
            "bâtiments ; relocaliser les activités les plus exposées.",
            "publics_concerned": "Habitants et entreprises des zones inondables, élus locaux, "
            "agriculteurs, syndicats de rivière, assureurs.",
            "outreach": "Relais des préfectures, des syndicats de rivière et des associations de "
            "sinistrés.",
            "offline_reach": "Réunions publiques dans chaque chef-lieu de département concerné.",
            "target_participants": 8000,
            "methods": ["public_consultation", "open_meetings", "citizen_science"],
            "participation_start": 50,
            "participation_end": 110,
            "calendar": "Deux mois de consultation, réunions publiques, relevé participatif des "
            "repères de crue ; synthèse deux mois après la clôture.",
            "modules_planned": "Questionnaire en ligne, carte participative des repères de crue, "
            "réunions publiques.",
            "budget": Decimal("120000.00"),
            "team": "Service des risques naturels (DGPR), deux personnes.",
            "follow_up_date": 170,
            "evaluation_plan": "Bilan quantitatif et qualitatif publié avec la stratégie.",
        },
        themes=("environnement-climat", "securite", "territoires"),
        sources=(
            ("Évaluation préliminaire des risques d'inondation", "administration", False),
            ("Contribution des associations de sinistrés", "habitants sinistrés", True),
            ("Note des assureurs sur le coût des inondations", "assureurs", True),
        ),
        commitments=(
            (
                "Réponse aux contributions et priorités retenues",
                "La direction générale de la prévention des risques",
                170,
                "Page du dispositif",
            ),
        ),
        appraisals=(
            ("decision-stated", "met", "La décision et la personne qui la prend sont claires."),
            (
                "offline-reach",
                "to_improve",
                "Les réunions se limitent aux chefs-lieux : voir la question posée au ministère.",
            ),
        ),
        thread=(
            (
                -5,
                ADVISOR,
                "Les réunions publiques sont prévues dans les chefs-lieux de département : comment "
                "comptez-vous associer les habitants des communes rurales en zone inondable ?",
            ),
            (
                -4,
                "agent.ecologie@exemple.gouv.fr",
                "Nous prévoyons des permanences itinérantes avec les syndicats de rivière dans les "
                "communes de moins de 2 000 habitants ; la description sera mise à jour.",
            ),
        ),
    ),
    # Citizen science, on the model of the participatory biodiversity inventories.
    DemoProcess(
        title="Inventaire participatif de la nature en ville",
        ministry="transition-ecologique",
        directorate="dgaln",
        lead="agent.ecologie@exemple.gouv.fr",
        referent="referente.ecologie@exemple.gouv.fr",
        status=Status.OPINION_ISSUED,
        days={"created": -45, "submitted": -35, "assigned": -34, "opinion": -20},
        fields={
            "summary": "Observez la faune et la flore de votre quartier pendant une saison : vos "
            "relevés aideront à choisir les espaces de nature à protéger en ville.",
            "sponsor": "directrice.dgaln@exemple.gouv.fr",
            "sponsor_title": "Directrice générale de l'aménagement, du logement et de la nature",
            "territory_level": "national",
            "territories": "Villes de plus de 20 000 habitants volontaires",
            "problem": "La biodiversité urbaine est mal connue, faute de relevés réguliers à "
            "l'échelle des quartiers.",
            "decision_at_stake": "La liste des espèces et des espaces prioritaires du plan "
            "« Nature en ville ».",
            "decision_maker": "La ministre de la Transition écologique",
            "decision_date": 240,
            "negotiable": "Les espaces et les espèces prioritaires, les mesures de protection.",
            "non_negotiable": "Le protocole d'observation, validé par le Muséum national "
            "d'histoire naturelle.",
            "alternatives": "Protéger en priorité les parcs, les friches, les cours d'école ou "
            "les continuités écologiques.",
            "publics_concerned": "Habitants des villes, écoles, associations naturalistes, "
            "services des espaces verts.",
            "outreach": "Écoles, centres sociaux, associations naturalistes et jardins partagés.",
            "offline_reach": "Fiches d'observation papier et sorties accompagnées dans les "
            "quartiers.",
            "target_participants": 10000,
            "methods": ["citizen_science", "information"],
            "participation_start": 30,
            "participation_end": 150,
            "calendar": "Une saison d'observation au printemps et en été, puis analyse des "
            "relevés.",
            "budget": Decimal("90000.00"),
            "team": "Bureau de la nature en ville (DGALN) et l'Office français de la biodiversité.",
            "follow_up_date": 220,
            "evaluation_plan": "Nombre et qualité des relevés, diversité des participants, "
            "questionnaire de fin de saison.",
        },
        themes=("environnement-climat", "territoires"),
        sources=(
            (
                "Protocole d'observation du Muséum national d'histoire naturelle",
                "scientifiques",
                False,
            ),
            ("Atlas de la biodiversité communale de villes pilotes", "collectivités", True),
            ("Contribution des associations naturalistes", "associations", True),
        ),
        commitments=(
            (
                "Carte publique des relevés et liste des espaces retenus",
                "La direction générale de l'aménagement, du logement et de la nature",
                220,
                "Page du dispositif",
            ),
        ),
        verdict=Opinion.Verdict.FAVOURABLE,
        reasoning="Objectifs clairs, protocole simple et validé scientifiquement, partenaires "
        "identifiés, retour prévu aux participants : avis favorable.",
    ),
)
