"""Demo processes of the other ministries."""

from decimal import Decimal

from concerto.demo.processes import (
    ACCEPTED,
    DISPATCHER,
    PARTLY,
    DemoProcess,
    DemoRecommendation,
)
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion

STATE: tuple[DemoProcess, ...] = (
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
