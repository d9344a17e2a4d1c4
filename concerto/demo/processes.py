"""Demo participatory processes, in every lifecycle state the platform supports.

Each process is declared by an agent of its ministry and walked along the
lifecycle by the real actions, with the real actors: the agent declares, the
ministry's referent submits, a CIPC advisor is assigned and issues the opinion,
the sponsor answers the recommendations, the referent publishes and opens. The
demo therefore obeys the same rules as real users.

Dates are relative to the day the demo is loaded. Each step runs "as of" its
own day in the past (the clock is set back while the action runs), so that the
log, the referral's due date and the quality pre-check tell a coherent story:
an open process was referred to the CIPC months before its participation began.

Titles and themes are inspired by real French processes (see the comment above
each one); the content itself is demo content.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify

from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion, Recommendation

ACCEPTED = Recommendation.Answer.ACCEPTED
PARTLY = Recommendation.Answer.PARTLY
DECLINED = Recommendation.Answer.DECLINED

# The demo CIPC advisor reviews most referrals; a second advisor dispatches them.
ADVISOR = "conseiller.cipc@exemple.gouv.fr"
DISPATCHER = "conseillere.cipc@exemple.gouv.fr"

# Description fields given as a number of days from the loading day.
DATE_FIELDS = ("decision_date", "participation_start", "participation_end", "follow_up_date")

# Lifecycle steps in order, and the last step each status needs.
STEPS = ("submitted", "assigned", "opinion", "published", "opened")
LAST_STEP = {
    Status.DRAFT: None,
    Status.SUBMITTED: "submitted",
    Status.UNDER_REVIEW: "assigned",
    Status.OPINION_ISSUED: "opinion",
    Status.PUBLISHED: "published",
    Status.OPEN: "opened",
}


@dataclass(frozen=True)
class DemoRecommendation:
    text: str
    answer: str = ""  # empty: the sponsor has not answered yet
    reason: str = ""


@dataclass(frozen=True)
class DemoProcess:
    title: str
    ministry: str  # organisation slugs
    directorate: str
    lead: str  # e-mail of the agent who declares it
    referent: str  # e-mail of the referent who submits, publishes and opens
    status: str
    days: dict  # step ("created", "submitted", ..., "answered") -> days from today (negative)
    fields: dict  # the description; "sponsor" is an e-mail, DATE_FIELDS are days from today
    themes: tuple[str, ...] = ()
    sources: tuple[tuple[str, str, bool], ...] = ()  # (title, viewpoint, contradictory)
    commitments: tuple[tuple[str, str, int, str], ...] = ()  # (what, who, due in days, channel)
    advisor: str = ADVISOR
    verdict: str = ""
    reasoning: str = ""
    recommendations: tuple[DemoRecommendation, ...] = ()
    # While under review: the advisor's appraisals (criterion, score, comment) and the
    # thread with the ministry (days from today, author e-mail, message).
    appraisals: tuple[tuple[str, str, str], ...] = ()
    thread: tuple[tuple[int, str, str], ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.title)[:200]


DEMO_PROCESSES: tuple[DemoProcess, ...] = (
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
    # Questions inspired by the Grand Débat National (2019), theme "organisation de l'État
    # et des services publics".
    DemoProcess(
        title="Accès aux soins près de chez soi : grande consultation citoyenne",
        ministry="sante",
        directorate="dgos",
        lead="agent.sante@exemple.gouv.fr",
        referent="referent.sante@exemple.gouv.fr",
        status=Status.OPEN,
        days={
            "created": -125,
            "submitted": -105,
            "assigned": -104,
            "opinion": -90,
            "answered": -84,
            "published": -78,
            "opened": -20,
        },
        fields={
            "summary": "Médecin traitant, urgences, pharmacie, transport : racontez vos "
            "difficultés d'accès aux soins et proposez des solutions pour votre territoire.",
            "sponsor": "directrice.dgos@exemple.gouv.fr",
            "sponsor_title": "Directrice générale de l'offre de soins",
            "territory_level": "national",
            "territories": "France entière, outre-mer compris",
            "problem": "Des millions de personnes n'ont pas de médecin traitant et les délais "
            "d'accès aux spécialistes s'allongent, surtout dans les territoires ruraux.",
            "decision_at_stake": "Les mesures du plan national d'accès aux soins : "
            "organisation des soins non programmés, partage des tâches entre professionnels, "
            "aides à l'installation.",
            "decision_maker": "La ministre de la Santé",
            "decision_date": 110,
            "negotiable": "Les mesures d'organisation des soins et leur ordre de priorité.",
            "non_negotiable": "Le principe de la liberté d'installation, qui relève de la loi.",
            "alternatives": "Maisons de santé, téléconsultation, pharmaciens et infirmiers en "
            "première ligne, aides à l'installation, ou statu quo.",
            "publics_concerned": "Patients, aidants, professionnels de santé, élus locaux.",
            "outreach": "Relais des agences régionales de santé, des associations de patients et "
            "des mairies.",
            "offline_reach": "Réunions dans chaque département, questionnaire papier dans les "
            "pharmacies et les maisons France services.",
            "target_participants": 50000,
            "methods": ["public_consultation", "open_meetings"],
            "participation_start": -20,
            "participation_end": 25,
            "calendar": "Six semaines de consultation et de réunions départementales ; synthèse "
            "publique deux mois après la clôture.",
            "modules_planned": "Questionnaire en ligne, propositions et votes, réunions "
            "départementales.",
            "budget": Decimal("350000.00"),
            "team": "Mission accès aux soins (DGOS), quatre personnes, et les agences régionales "
            "de santé.",
            "providers": "Analyse Publique (analyse des contributions), par l'accord-cadre de la "
            "DITP.",
            "follow_up_date": 90,
            "evaluation_plan": "Questionnaire aux participants et bilan des réunions "
            "départementales.",
        },
        themes=("sante", "territoires"),
        sources=(
            ("Panorama de l'accès aux soins par territoire", "administration", False),
            ("Contribution des ordres et syndicats de médecins", "professionnels de santé", True),
            ("Contribution des associations de patients", "patients", True),
        ),
        commitments=(
            (
                "Réponse aux propositions les plus soutenues et mesures retenues",
                "La direction générale de l'offre de soins",
                90,
                "Page du dispositif",
            ),
        ),
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Un cadrage clair et des publics bien identifiés ; deux recommandations "
        "pour ancrer le débat dans les réalités locales.",
        recommendations=(
            DemoRecommendation(
                "Associer les professionnels de santé et les élus locaux aux réunions "
                "départementales.",
                ACCEPTED,
                "Les ordres professionnels et les associations de maires co-organisent les "
                "réunions.",
            ),
            DemoRecommendation(
                "Publier les données d'accès aux soins par commune, en données ouvertes.",
                PARTLY,
                "Les données par département sont publiées ; le niveau communal attend l'avis "
                "de la CNIL sur le risque de réidentification.",
            ),
        ),
    ),
    DemoProcess(
        title="Budget participatif des quartiers : vos projets pour mieux vivre ensemble",
        ministry="ville-logement",
        directorate="dhup",
        lead="agent.logement@exemple.gouv.fr",
        referent="referente.logement@exemple.gouv.fr",
        status=Status.PUBLISHED,
        days={
            "created": -60,
            "submitted": -50,
            "assigned": -49,
            "opinion": -35,
            "answered": -28,
            "published": -21,
        },
        fields={
            "summary": "Habitants des quartiers prioritaires : proposez des projets pour votre "
            "quartier, puis votez pour ceux que vous voulez voir réalisés.",
            "sponsor": "directeur.dhup@exemple.gouv.fr",
            "sponsor_title": "Directeur de l'habitat, de l'urbanisme et des paysages",
            "territory_level": "local",
            "territories": "Quartiers prioritaires de la politique de la ville de dix "
            "agglomérations pilotes",
            "problem": "Les habitants des quartiers prioritaires sont peu associés aux choix "
            "d'aménagement de leur cadre de vie.",
            "decision_at_stake": "Le choix des projets financés par une enveloppe de 10 millions "
            "d'euros.",
            "decision_maker": "Le ministre de la Ville et du Logement, qui s'engage à financer "
            "les projets lauréats",
            "decision_date": 120,
            "negotiable": "Les projets proposés et retenus, dans la limite de l'enveloppe.",
            "non_negotiable": "Le montant de l'enveloppe et les critères de recevabilité "
            "(intérêt général, investissement, faisabilité).",
            "alternatives": "Tout projet d'investissement d'intérêt général : espaces verts, "
            "équipements sportifs, lieux de rencontre, mobilités douces.",
            "publics_concerned": "Habitants des quartiers prioritaires dès 11 ans, associations "
            "de quartier, conseils citoyens.",
            "outreach": "Conseils citoyens, centres sociaux, bailleurs sociaux, collèges.",
            "offline_reach": "Urnes dans les centres sociaux et les mairies annexes, "
            "accompagnement au dépôt de projets par les médiateurs.",
            "target_participants": 30000,
            "methods": ["participatory_budgeting", "open_meetings"],
            "participation_start": 15,
            "participation_end": 75,
            "calendar": "Un mois de dépôt des projets, étude de faisabilité, puis un mois de vote.",
            "modules_planned": "Dépôt de projets en ligne et sur papier, carte des projets, vote "
            "en ligne et dans les urnes.",
            "budget": Decimal("150000.00"),
            "team": "Bureau de la politique de la ville (DHUP) et les délégués du préfet.",
            "providers": "Concertation & Territoires (ateliers de quartier), par l'accord-cadre "
            "de la DITP.",
            "follow_up_date": 110,
            "evaluation_plan": "Taux de participation par quartier, profil des votants, suivi "
            "public de la réalisation des projets.",
        },
        themes=("logement", "territoires", "democratie"),
        sources=(
            ("Guide des budgets participatifs des collectivités", "collectivités", False),
            ("Retour d'expérience des conseils citoyens", "habitants", True),
            ("Note des bailleurs sociaux", "bailleurs", True),
        ),
        commitments=(
            (
                "Résultats du vote et calendrier de réalisation des projets lauréats",
                "La direction de l'habitat, de l'urbanisme et des paysages",
                95,
                "Page du dispositif et affichage dans les quartiers",
            ),
        ),
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Un budget participatif bien construit ; deux recommandations pour élargir "
        "la participation.",
        recommendations=(
            DemoRecommendation(
                "Ouvrir le vote aux collégiens avec un accompagnement dans les établissements.",
                ACCEPTED,
                "Des séances de présentation des projets sont organisées dans vingt collèges.",
            ),
            DemoRecommendation(
                "Publier la liste des projets jugés irrecevables, avec le motif.",
                ACCEPTED,
            ),
        ),
    ),
    # Question inspired by the Grand Débat National (2019): "Que faudrait-il faire pour
    # renforcer l'engagement citoyen dans la société ?"
    DemoProcess(
        title="S'engager à vingt ans : consultation sur l'engagement des jeunes",
        ministry="sports-jeunesse",
        directorate="djepva",
        lead="agent.jeunesse@exemple.gouv.fr",
        referent="referent.jeunesse@exemple.gouv.fr",
        status=Status.SUBMITTED,
        days={"created": -15, "submitted": -2},
        fields={
            "summary": "Service civique, bénévolat, engagement associatif : dites-nous ce qui "
            "vous donne envie de vous engager, et ce qui vous en empêche.",
            "sponsor": "directrice.djepva@exemple.gouv.fr",
            "sponsor_title": "Directrice de la jeunesse, de l'éducation populaire et de la vie "
            "associative",
            "territory_level": "national",
            "problem": "Beaucoup de jeunes souhaitent s'engager mais ne trouvent pas de mission "
            "adaptée à leurs contraintes d'études ou de travail.",
            "decision_at_stake": "L'évolution du service civique et des dispositifs de "
            "reconnaissance de l'engagement.",
            "decision_maker": "La ministre des Sports, de la Jeunesse et de la Vie associative",
            "decision_date": 200,
            "negotiable": "La durée et le format des missions, la reconnaissance dans les "
            "parcours d'études.",
            "non_negotiable": "Le caractère volontaire de l'engagement.",
            "alternatives": "Missions plus courtes, engagement à temps partiel, validation des "
            "acquis, ou maintien du format actuel.",
            "publics_concerned": "Jeunes de 16 à 25 ans, associations, établissements "
            "d'enseignement.",
            "outreach": "Missions locales, associations d'éducation populaire, réseaux sociaux.",
            "offline_reach": "Ateliers dans les missions locales et les lycées professionnels.",
            "target_participants": 15000,
            "methods": ["public_consultation", "open_meetings"],
            "participation_start": 60,
            "participation_end": 105,
            "budget": Decimal("80000.00"),
            "follow_up_date": 165,
            "evaluation_plan": "Questionnaire aux participants et profil des répondants.",
        },
        themes=("education", "democratie"),
        sources=(
            ("Bilan annuel du service civique", "administration", False),
            ("Baromètre de l'engagement des jeunes", "chercheurs", True),
            ("Contribution des associations de jeunesse", "associations", True),
        ),
        commitments=(
            (
                "Réponse aux propositions et mesures retenues",
                "La direction de la jeunesse, de l'éducation populaire et de la vie associative",
                165,
                "Page du dispositif et réseaux des missions locales",
            ),
        ),
    ),
    # The "République numérique" consultation (2015) co-wrote a bill over three weeks;
    # this one falls short of that model, hence the unfavourable opinion.
    DemoProcess(
        title="Consultation en ligne sur le projet de loi relatif à la souveraineté numérique",
        ministry="economie-finances",
        directorate="dge",
        lead="agent.economie@exemple.gouv.fr",
        referent="referente.economie@exemple.gouv.fr",
        status=Status.OPINION_ISSUED,
        days={"created": -30, "submitted": -20, "assigned": -19, "opinion": -5},
        fields={
            "summary": "Donnez votre avis sur le projet de loi relatif à la souveraineté "
            "numérique.",
            "sponsor": "directeur.dge@exemple.gouv.fr",
            "sponsor_title": "Directeur général des entreprises",
            "territory_level": "national",
            "problem": "La dépendance aux services numériques extra-européens.",
            "decision_at_stake": "Le texte du projet de loi présenté en Conseil des ministres.",
            "decision_maker": "Le Gouvernement",
            "decision_date": 34,
            "negotiable": "La rédaction des articles.",
            "alternatives": "Le projet de loi tel que rédigé.",
            "publics_concerned": "Tous les publics.",
            "methods": ["public_consultation"],
            "participation_start": 20,
            "participation_end": 29,
            "follow_up_date": 34,
        },
        themes=("numerique", "economie"),
        sources=(("Exposé des motifs du projet de loi", "administration", False),),
        commitments=(
            (
                "Synthèse des contributions",
                "La direction générale des entreprises",
                34,
                "Page du dispositif",
            ),
        ),
        verdict=Opinion.Verdict.UNFAVOURABLE,
        reasoning="En l'état, le dispositif ne permet pas une participation sincère. La "
        "consultation dure dix jours, moins que les trois semaines attendues, et se termine "
        "cinq jours avant l'adoption du texte, ce qui ne laisse pas le temps de tenir compte des "
        "contributions. Le dossier d'information ne présente que le point de vue de "
        "l'administration et aucune modalité hors ligne n'est prévue. La consultation « Pour "
        "une République numérique » de 2015 peut servir de modèle.",
        recommendations=(
            DemoRecommendation(
                "Porter la consultation à au moins trois semaines et la clore au moins un mois "
                "avant l'adoption du projet de loi."
            ),
            DemoRecommendation(
                "Compléter le dossier d'information par des points de vue divergents : "
                "associations d'usagers, entreprises, chercheurs."
            ),
            DemoRecommendation(
                "Permettre de contribuer sans internet et publier la méthode d'analyse des "
                "contributions."
            ),
        ),
    ),
    # A local concertation; options inspired by the "Se déplacer" proposals of the
    # Convention citoyenne pour le climat (2020): express coaches, shared-vehicle lanes.
    DemoProcess(
        title="Mobilités du quotidien dans la vallée de l'Arve : concertation locale",
        ministry="transports",
        directorate="dgitm",
        lead="agent.transports@exemple.gouv.fr",
        referent="referent.transports@exemple.gouv.fr",
        status=Status.OPINION_ISSUED,
        days={"created": -35, "submitted": -22, "assigned": -21, "opinion": -7},
        fields={
            "summary": "Train, car express, covoiturage, vélo : choisissons ensemble comment se "
            "déplacer dans la vallée de l'Arve en respirant un air plus sain.",
            "sponsor": "directrice.dgitm@exemple.gouv.fr",
            "sponsor_title": "Directrice générale des infrastructures, des transports et des "
            "mobilités",
            "territory_level": "local",
            "territories": "Vallée de l'Arve (Haute-Savoie), de Cluses à Chamonix-Mont-Blanc",
            "problem": "La vallée connaît des pics de pollution de l'air en hiver ; la voiture "
            "individuelle reste le seul choix pour beaucoup de trajets quotidiens.",
            "decision_at_stake": "Le programme d'investissement de l'État dans les mobilités de "
            "la vallée pour les cinq prochaines années.",
            "decision_maker": "Le ministre des Transports, avec la région et le département",
            "decision_date": 160,
            "negotiable": "Le choix et l'ordre des projets : cadencement des trains, lignes de "
            "car express, voies réservées au covoiturage, itinéraires cyclables.",
            "non_negotiable": "L'enveloppe de l'État inscrite au contrat de plan.",
            "alternatives": "Renforcer le train ; créer des cars express sur voie réservée ; "
            "développer le covoiturage ; aménager des itinéraires cyclables.",
            "publics_concerned": "Habitants, travailleurs frontaliers et saisonniers, "
            "entreprises, élus de la vallée.",
            "outreach": "Mairies, entreprises de la vallée, associations d'usagers et de "
            "défense de la qualité de l'air.",
            "offline_reach": "Réunions publiques dans cinq communes, stands dans les gares et "
            "sur les marchés.",
            "target_participants": 3000,
            "methods": ["open_meetings", "public_consultation"],
            "participation_start": 40,
            "participation_end": 90,
            "calendar": "Sept semaines de concertation, réunions publiques et ateliers ; bilan "
            "de la garante un mois après la clôture.",
            "budget": Decimal("95000.00"),
            "team": "DGITM et direction départementale des territoires de la Haute-Savoie.",
            "guarantor": "Garante désignée par la Commission nationale du débat public",
            "follow_up_date": 150,
            "evaluation_plan": "Bilan de la garante et questionnaire aux participants.",
        },
        themes=("transports", "environnement-climat", "territoires"),
        sources=(
            ("Diagnostic des déplacements dans la vallée", "administration", False),
            ("Données de qualité de l'air de l'observatoire régional", "observatoire", True),
            ("Contribution des associations d'usagers", "usagers", True),
        ),
        commitments=(
            (
                "Réponse de l'État au bilan de la garante et projets retenus",
                "La direction générale des infrastructures, des transports et des mobilités",
                150,
                "Page du dispositif et réunion publique de restitution",
            ),
        ),
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Une concertation locale bien préparée, avec une garante de la CNDP ; deux "
        "recommandations avant publication.",
        recommendations=(
            DemoRecommendation(
                "Tenir des réunions le soir et le samedi pour les travailleurs frontaliers et "
                "saisonniers."
            ),
            DemoRecommendation(
                "Présenter dans le dossier d'information l'option de ne créer aucune nouvelle "
                "infrastructure routière."
            ),
        ),
    ),
    # Under review by the second advisor, and past the CIPC's deadline.
    DemoProcess(
        title="Patrimoines de proximité : consultation sur la sauvegarde du petit patrimoine rural",
        ministry="culture",
        directorate="dgpa",
        lead="agent.culture@exemple.gouv.fr",
        referent="referente.culture@exemple.gouv.fr",
        status=Status.UNDER_REVIEW,
        days={"created": -40, "submitted": -30, "assigned": -28},
        advisor=DISPATCHER,
        fields={
            "summary": "Lavoirs, chapelles, fours à pain, croix de chemin : aidez-nous à "
            "repérer et à sauver le patrimoine de proximité de votre commune.",
            "sponsor": "directeur.dgpa@exemple.gouv.fr",
            "sponsor_title": "Directeur général des patrimoines et de l'architecture",
            "territory_level": "national",
            "territories": "Communes de moins de 10 000 habitants",
            "problem": "Le petit patrimoine non protégé disparaît faute d'inventaire et de "
            "moyens d'entretien.",
            "decision_at_stake": "Les critères d'un fonds de soutien au patrimoine rural non "
            "protégé.",
            "decision_maker": "La ministre de la Culture",
            "decision_date": 190,
            "negotiable": "Les critères d'éligibilité et la part réservée aux projets portés par "
            "des habitants.",
            "non_negotiable": "Le montant du fonds voté en loi de finances.",
            "alternatives": "Aides aux communes, aux associations, ou chantiers participatifs.",
            "publics_concerned": "Habitants des communes rurales, élus, associations de "
            "sauvegarde.",
            "outreach": "Associations de maires ruraux et fondations du patrimoine.",
            "offline_reach": "Fiches de signalement papier dans les mairies.",
            "target_participants": 5000,
            "methods": ["public_consultation", "citizen_science"],
            "participation_start": 45,
            "participation_end": 105,
            "budget": Decimal("60000.00"),
            "follow_up_date": 160,
            "evaluation_plan": "Nombre de signalements et répartition territoriale.",
        },
        themes=("culture", "territoires"),
        sources=(
            ("Inventaire général du patrimoine culturel", "administration", False),
            ("Contribution des associations de sauvegarde", "associations", True),
            ("Note de l'association des maires ruraux", "collectivités", True),
        ),
        commitments=(
            (
                "Critères retenus pour le fonds et réponse aux contributions",
                "La direction générale des patrimoines et de l'architecture",
                160,
                "Page du dispositif",
            ),
        ),
    ),
)
