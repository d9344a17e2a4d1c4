"""The ministries of the government, with a few of their directorates.

Source: the composition of the Lecornu II government (decree of 12 October
2025, Journal officiel), ministers with full portfolios only; directorates
are those whose work most often involves the public. Demo data: an
administrator updates the real list in the admin after a reshuffle.
"""

# (slug, name, short name, [(slug, directorate name, short name), ...])
MINISTRIES: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "premier-ministre",
        "Services du Premier ministre",
        "SPM",
        [
            ("sgg", "Secrétariat général du Gouvernement", "SGG"),
        ],
    ),
    (
        "interieur",
        "Ministère de l'Intérieur",
        "MI",
        [
            ("dgcl", "Direction générale des collectivités locales", "DGCL"),
            ("dgef", "Direction générale des étrangers en France", "DGEF"),
        ],
    ),
    (
        "justice",
        "Ministère de la Justice",
        "MJ",
        [
            ("dacs", "Direction des affaires civiles et du sceau", "DACS"),
        ],
    ),
    ("europe-affaires-etrangeres", "Ministère de l'Europe et des Affaires étrangères", "MEAE", []),
    ("armees", "Ministère des Armées et des Anciens combattants", "MINARM", []),
    (
        "economie-finances",
        "Ministère de l'Économie, des Finances et de la Souveraineté industrielle, "
        "énergétique et numérique",
        "MEFSIN",
        [
            ("dge", "Direction générale des entreprises", "DGE"),
            (
                "dgccrf",
                "Direction générale de la concurrence, de la consommation et de la répression "
                "des fraudes",
                "DGCCRF",
            ),
        ],
    ),
    (
        "comptes-publics",
        "Ministère de l'Action et des Comptes publics",
        "MACP",
        [
            ("dgfip", "Direction générale des finances publiques", "DGFiP"),
        ],
    ),
    (
        "travail-solidarites",
        "Ministère du Travail et des Solidarités",
        "MTS",
        [
            ("dgcs", "Direction générale de la cohésion sociale", "DGCS"),
        ],
    ),
    (
        "education-nationale",
        "Ministère de l'Éducation nationale",
        "MEN",
        [
            ("dgesco", "Direction générale de l'enseignement scolaire", "DGESCO"),
        ],
    ),
    (
        "enseignement-superieur",
        "Ministère de l'Enseignement supérieur, de la Recherche et de l'Espace",
        "MESRE",
        [],
    ),
    (
        "sante",
        "Ministère de la Santé, des Familles, de l'Autonomie et des Personnes handicapées",
        "MSFAPH",
        [
            ("dgs", "Direction générale de la santé", "DGS"),
            ("dgos", "Direction générale de l'offre de soins", "DGOS"),
        ],
    ),
    (
        "culture",
        "Ministère de la Culture",
        "MC",
        [
            ("dgpa", "Direction générale des patrimoines et de l'architecture", "DGPA"),
        ],
    ),
    (
        "agriculture",
        "Ministère de l'Agriculture, de l'Agroalimentaire et de la Souveraineté alimentaire",
        "MAASA",
        [
            ("dgal", "Direction générale de l'alimentation", "DGAL"),
        ],
    ),
    (
        "transition-ecologique",
        "Ministère de la Transition écologique, de la Biodiversité et des "
        "Négociations internationales sur le climat et la nature",
        "MTE",
        [
            ("dgaln", "Direction générale de l'aménagement, du logement et de la nature", "DGALN"),
            ("dgec", "Direction générale de l'énergie et du climat", "DGEC"),
            ("dgpr", "Direction générale de la prévention des risques", "DGPR"),
        ],
    ),
    (
        "amenagement-territoire",
        "Ministère de l'Aménagement du territoire et de la Décentralisation",
        "MATD",
        [
            ("anct", "Agence nationale de la cohésion des territoires", "ANCT"),
        ],
    ),
    (
        "ville-logement",
        "Ministère de la Ville et du Logement",
        "MVL",
        [
            ("dhup", "Direction de l'habitat, de l'urbanisme et des paysages", "DHUP"),
        ],
    ),
    (
        "transports",
        "Ministère des Transports",
        "MT",
        [
            (
                "dgitm",
                "Direction générale des infrastructures, des transports et des mobilités",
                "DGITM",
            ),
        ],
    ),
    (
        "outre-mer",
        "Ministère des Outre-mer",
        "MOM",
        [
            ("dgom", "Direction générale des outre-mer", "DGOM"),
        ],
    ),
    (
        "sports-jeunesse",
        "Ministère des Sports, de la Jeunesse et de la Vie associative",
        "MSJVA",
        [
            (
                "djepva",
                "Direction de la jeunesse, de l'éducation populaire et de la vie associative",
                "DJEPVA",
            ),
        ],
    ),
    (
        "fonction-publique",
        "Ministère de la Fonction publique et de la Réforme de l'État",
        "MFPRE",
        [
            ("dgafp", "Direction générale de l'administration et de la fonction publique", "DGAFP"),
        ],
    ),
    (
        "pme-commerce",
        "Ministère des Petites et Moyennes Entreprises, du Commerce, de "
        "l'Artisanat, du Tourisme et du Pouvoir d'achat",
        "MPMECATPA",
        [],
    ),
]

CIPC = ("cipc", "Centre interministériel de la participation citoyenne (DITP)", "CIPC")
EXPERT_GROUP = ("groupe-experts", "Groupe d'experts de la participation citoyenne", "GEPC")
PROVIDERS = [
    ("prestataire-concertation", "Concertation & Territoires (prestataire de démonstration)", ""),
    ("prestataire-analyse", "Analyse Publique (prestataire de démonstration)", ""),
]
