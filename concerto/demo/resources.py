"""Demo data: guide, FAQ, capsules and community (issue 9).

The guide's substance follows the CIPC's published doctrine: frame early, reach a
real diversity of people, inform plurally, answer every contribution on a
committed date, evaluate.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from concerto.accounts.models import Organisation, User
from concerto.community import actions
from concerto.community.models import AgentProfile, Event, Question
from concerto.resources.models import (
    CapsuleChapter,
    CapsuleIndexPage,
    CapsulePage,
    FaqEntryPage,
    FaqIndexPage,
    FaqTheme,
    FollowUpDossierPage,
    GuideChapterPage,
    GuidePage,
    GuideSheetPage,
)
from concerto.resources.tree import ensure_resource_tree

GUIDE_INTRO = (
    "Le guide suit la vie d'une démarche participative, du cadrage à l'évaluation. "
    "Chaque fiche tient en quelques minutes de lecture, se partage par son lien et "
    "s'imprime en PDF."
)

# (chapter slug, chapter title, chapter intro, [(sheet slug, title, summary, key points, body)])
GUIDE: list[tuple[str, str, str, list[tuple[str, str, str, str, str]]]] = [
    (
        "cadrer",
        "Cadrer la démarche",
        "Avant toute méthode : la décision en jeu, qui décide, ce qui peut encore changer.",
        [
            (
                "definir-la-decision-et-le-perimetre",
                "Définir la décision en jeu et le périmètre du débat",
                "Une démarche participative sert une décision. La nommer, dire qui la prendra et "
                "ce qui reste ouvert est la première promesse faite aux participants.",
                "Écrire en une phrase la décision que la démarche doit éclairer\n"
                "Distinguer ce qui est ouvert, ce qui est contraint et ce qui est déjà décidé\n"
                "Lancer la participation assez tôt pour que les avis puissent encore peser\n"
                "Saisir le CIPC avant le lancement, comme le prévoit la circulaire de 2021",
                "<h2>Pourquoi cadrer</h2>"
                "<p>Les participants acceptent de donner du temps lorsqu'ils savent à quoi leur "
                "contribution servira. Une consultation lancée alors que la décision est déjà "
                "arrêtée abîme la confiance bien au-delà du projet concerné.</p>"
                "<h2>Les quatre questions du cadrage</h2>"
                "<ol><li><strong>Quelle décision ?</strong> Un projet de loi, un plan, un "
                "règlement, le choix entre plusieurs scénarios.</li>"
                "<li><strong>Qui décide ?</strong> Le ou la ministre, une direction, un "
                "opérateur. Le commanditaire s'engage personnellement.</li>"
                "<li><strong>Qu'est-ce qui peut changer ?</strong> Listez les marges de manœuvre "
                "réelles et les sujets hors débat, avec leur raison.</li>"
                "<li><strong>Quand ?</strong> Le calendrier de la participation, celui de la "
                "décision et la date à laquelle vous rendrez compte.</li></ol>"
                "<h2>Ce que le CIPC regarde</h2>"
                "<p>La grille qualité du CIPC vérifie que ces éléments figurent dans la "
                "déclaration du dispositif. Sans eux, l'avis est au mieux favorable avec "
                "recommandations.</p>",
            ),
        ],
    ),
    (
        "parties-prenantes",
        "Associer les parties prenantes",
        "Identifier qui est concerné et aller chercher ceux que l'on n'entend jamais.",
        [
            (
                "cartographier-les-publics",
                "Cartographier les publics et diversifier la participation",
                "La participation spontanée attire toujours les mêmes profils. Une cartographie "
                "des publics et des modes d'invitation ciblés corrigent ce biais.",
                "Lister les publics concernés, directement ou indirectement\n"
                "Repérer les publics éloignés : jeunes, ruraux, personnes peu à l'aise avec le "
                "numérique\n"
                "Combiner plusieurs canaux : en ligne, réunions, permanences, courrier\n"
                "Suivre la diversité des participants pendant la démarche, pas seulement après",
                "<h2>Une cartographie en trois cercles</h2>"
                "<p>Au centre, les personnes directement touchées par la décision ; autour, les "
                "organisations qui les représentent (associations, syndicats, élus) ; au-delà, "
                "le grand public. Chaque cercle appelle des modes d'invitation différents.</p>"
                "<h2>Aller vers</h2>"
                "<p>Les permanences dans des lieux du quotidien, les partenariats avec des "
                "associations de terrain et le tirage au sort sont les leviers les plus "
                "efficaces pour toucher des publics éloignés.</p>"
                "<h2>Mesurer</h2><p>Recueillez, avec leur accord, quelques caractéristiques des "
                "participants (âge, territoire, catégorie socioprofessionnelle) pour comparer "
                "avec la population concernée et ajuster en cours de route.</p>",
            ),
        ],
    ),
    (
        "gouvernance",
        "Organiser la gouvernance",
        "Qui pilote, qui garantit, qui tranche : des rôles écrits avant le lancement.",
        [
            (
                "installer-un-garant",
                "Installer un comité de pilotage et un tiers garant",
                "Un comité de pilotage pluraliste et un garant indépendant rendent la démarche "
                "crédible et aident à arbitrer les difficultés en cours de route.",
                "Un comité de pilotage où siègent des points de vue différents\n"
                "Un garant ou une garante indépendante, sans lien avec le commanditaire\n"
                "Des règles du jeu publiées : modération, usage des contributions, calendrier",
                "<h2>Le comité de pilotage</h2><p>Il valide le cadrage, suit le déroulement et "
                "prépare la restitution. Y associer des parties prenantes aux intérêts "
                "divergents protège la démarche du soupçon d'instrumentalisation.</p>"
                "<h2>Le tiers garant</h2><p>Il veille à la sincérité de l'information, à "
                "l'équité des échanges et au respect des engagements. Son rapport final est "
                "publié avec la synthèse.</p>",
            ),
        ],
    ),
    (
        "choisir-une-methode",
        "Choisir une méthode",
        "Consultation en ligne, atelier, conférence ou convention citoyenne : la méthode "
        "découle de la question posée.",
        [
            (
                "quelle-methode-pour-quelle-question",
                "Quelle méthode pour quelle question ?",
                "Recueillir des avis nombreux, approfondir un sujet complexe ou construire une "
                "proposition collective n'appellent pas les mêmes outils.",
                "Recueillir largement : consultation en ligne, questionnaire\n"
                "Approfondir : ateliers délibératifs, conférence de citoyens\n"
                "Co-construire : convention citoyenne tirée au sort, sur plusieurs week-ends\n"
                "Le budget et le calendrier doivent suivre l'ambition de la méthode",
                "<h2>Trois intentions</h2>"
                "<p><strong>Consulter</strong> permet de recueillir un grand nombre d'avis sur "
                "des options déjà formulées. <strong>Concerter</strong> fait travailler les "
                "participants avec l'administration sur un projet. <strong>Co-construire"
                "</strong> confie à un groupe de citoyens la formulation de propositions.</p>"
                "<h2>Combiner</h2><p>Les démarches les plus solides combinent une phase large "
                "(consultation en ligne) et une phase approfondie (panel tiré au sort) qui "
                "s'appuie sur la première.</p>"
                "<h2>Se faire accompagner</h2><p>L'accord-cadre de la DITP permet de commander "
                "l'animation, le tirage au sort ou l'analyse des contributions sans nouvelle "
                "mise en concurrence.</p>",
            ),
            (
                "tirage-au-sort",
                "Réussir un tirage au sort",
                "Le tirage au sort stratifié donne un panel qui ressemble à la population "
                "concernée ; il exige des quotas clairs et une relance soignée.",
                "Fixer les critères de stratification : âge, genre, territoire, diplôme\n"
                "Tirer plus de personnes que nécessaire : le taux d'acceptation est faible\n"
                "Indemniser les participants et prendre en charge leurs frais\n"
                "Publier la méthode du tirage pour qu'elle soit vérifiable",
                "<h2>Les étapes</h2><ol><li>Définir la population et les quotas.</li>"
                "<li>Constituer la base de tirage (numéros de téléphone aléatoires, listes "
                "électorales selon le cas).</li><li>Contacter, expliquer, relancer.</li>"
                "<li>Sélectionner parmi les volontaires selon les quotas.</li></ol>"
                "<p>Sur Concerto, le tirage est reproductible : la graine est publiée et chacun "
                "peut refaire le tirage.</p>",
            ),
        ],
    ),
    (
        "informer",
        "Informer les participants",
        "Une information plurielle, sourcée et contradictoire est la condition d'avis éclairés.",
        [
            (
                "construire-le-dossier-d-information",
                "Construire le dossier d'information",
                "Le dossier d'information présente le sujet, les options et leurs "
                "conséquences, avec des points de vue contradictoires et des sources.",
                "Présenter les options, y compris celles que l'administration ne privilégie pas\n"
                "Citer les sources et dater les chiffres\n"
                "Faire relire par des parties prenantes aux avis opposés\n"
                "Rédiger en langage clair, avec une version courte",
                "<h2>Le contenu</h2><p>Le contexte, la décision en jeu, les options "
                "envisagées, leurs coûts et leurs effets attendus, les points de controverse. "
                "Chaque affirmation chiffrée renvoie à une source.</p>"
                "<h2>La pluralité</h2><p>Donnez la parole, dans le dossier ou lors d'auditions, "
                "à des experts et à des acteurs qui ne partagent pas l'analyse du ministère. "
                "Les participants doivent pouvoir se faire leur propre opinion.</p>",
            ),
        ],
    ),
    (
        "rendre-compte",
        "Rendre compte : le devoir de suite",
        "Dire aux participants, à la date promise, ce qui a été fait de leurs contributions "
        "et pourquoi.",
        [
            (
                "publier-la-suite",
                "Publier les réponses aux contributions",
                "Le devoir de suite est l'engagement le plus visible : chaque proposition "
                "reçoit une réponse motivée, publiée à la date annoncée.",
                "Annoncer dès le lancement la date et le canal de la restitution\n"
                "Répondre par proposition ou par thème : retenue, retenue en partie, non "
                "retenue avec motif\n"
                "Relier chaque réponse au texte de la décision (Journal officiel, budget)\n"
                "Signaler publiquement un retard et la nouvelle date",
                "<h2>Trois temps</h2><p><strong>À chaud</strong>, remercier et publier la "
                "synthèse. <strong>À la décision</strong>, répondre à chaque proposition. "
                "<strong>Dans la durée</strong>, rendre compte de la mise en œuvre.</p>"
                "<h2>Une réponse utile</h2><p>Elle dit ce qui est retenu, ce qui ne l'est pas "
                "et pourquoi, et renvoie au document qui le prouve. Une réponse générique "
                "(« vos contributions ont nourri la réflexion ») ne tient pas l'engagement.</p>",
            ),
        ],
    ),
    (
        "evaluer",
        "Évaluer et capitaliser",
        "Mesurer ce que la démarche a produit et partager les enseignements avec les autres "
        "ministères.",
        [
            (
                "evaluer-la-demarche",
                "Évaluer la démarche",
                "L'évaluation porte sur la qualité du processus, la diversité des participants "
                "et l'influence réelle sur la décision.",
                "Prévoir l'évaluation dès le cadrage, avec des indicateurs\n"
                "Interroger les participants sur leur expérience\n"
                "Mesurer l'influence : propositions retenues, modifiées, écartées\n"
                "Partager le bilan avec le CIPC et la communauté des agents",
                "<h2>Trois questions</h2><ol><li>Le processus a-t-il été loyal et bien "
                "conduit ?</li><li>A-t-il touché une diversité de personnes et d'avis ?</li>"
                "<li>A-t-il changé quelque chose à la décision ?</li></ol>"
                "<p>Le questionnaire de fin de démarche et le taux de suite publié par la "
                "plateforme fournissent une base commune à tous les ministères.</p>",
            ),
        ],
    ),
]

FOLLOWUP_DOSSIER = {
    "title": "Réussir son devoir de suite",
    "summary": (
        "Une fiche guidée pour préparer, dès le lancement, la réponse que vous devez aux "
        "participants, et des exemples réels publiés sur la plateforme."
    ),
    "body": (
        "<h2>Étape 1 — Prendre des engagements datés</h2><p>Dans la déclaration du "
        "dispositif, indiquez ce que vous rendrez (synthèse, réponses, bilan de mise en "
        "œuvre), qui le fera, par quel canal et à quelle date.</p>"
        "<h2>Étape 2 — Classer les contributions</h2><p>Regroupez les propositions par thème "
        "et identifiez celles qui relèvent de la décision en jeu, d'une autre décision ou "
        "d'aucune.</p>"
        "<h2>Étape 3 — Répondre</h2><p>Pour chaque proposition ou thème : retenue, retenue "
        "en partie, non retenue (avec le motif), à l'étude (avec une nouvelle date). "
        "Citez le document de décision.</p>"
        "<h2>Étape 4 — Suivre la mise en œuvre</h2><p>Découpez les propositions retenues en "
        "jalons et mettez à jour leur avancement : les participants le voient sur la page "
        "du dispositif.</p>"
    ),
}

FAQ_THEMES = ["Saisine du CIPC", "Méthodes et animation", "Devoir de suite", "Moyens et marchés"]

# (theme, question, answer, days since last checked)
FAQ: list[tuple[str, str, str, int]] = [
    (
        "Saisine du CIPC",
        "Quand dois-je saisir le CIPC ?",
        "<p>Avant le lancement de la démarche, au moment où le cadrage est arrêté mais où la "
        "méthode peut encore évoluer. Le référent ministériel transmet la saisine ; le CIPC "
        "rend son avis sous quinze jours ouvrés.</p>",
        20,
    ),
    (
        "Saisine du CIPC",
        "L'avis du CIPC est-il contraignant ?",
        "<p>Non, mais il est publié avec le dispositif, tout comme les réponses du "
        "commanditaire à chaque recommandation. La participation ne peut pas être ouverte "
        "avant que l'avis soit rendu.</p>",
        45,
    ),
    (
        "Méthodes et animation",
        "Combien de participants faut-il pour une convention citoyenne ?",
        "<p>Entre 100 et 200 personnes tirées au sort pour une convention nationale ; 30 à 50 "
        "pour un panel consultatif. Le nombre compte moins que la diversité obtenue grâce aux "
        "quotas.</p>",
        60,
    ),
    (
        "Méthodes et animation",
        "Faut-il indemniser les participants tirés au sort ?",
        "<p>Oui : l'indemnisation et la prise en charge des frais (transport, garde "
        "d'enfants) sont la condition pour que des personnes aux revenus modestes "
        "acceptent.</p>",
        30,
    ),
    (
        "Devoir de suite",
        "Que faire si la décision prend du retard ?",
        "<p>Publiez le retard et la nouvelle date avant l'échéance initiale. Sur Concerto, "
        "une réponse « à l'étude » exige une nouvelle date ; le retard est visible "
        "publiquement.</p>",
        10,
    ),
    (
        "Devoir de suite",
        "Faut-il répondre à chaque contribution individuellement ?",
        "<p>Non. Répondez au niveau qui a du sens : par proposition pour les plus soutenues, "
        "par thème pour les autres. Chaque contribution doit pouvoir retrouver la réponse "
        "qui la concerne.</p>",
        15,
    ),
    (
        "Moyens et marchés",
        "Comment commander une prestation d'animation ?",
        "<p>Par un bon de commande sur l'accord-cadre de la DITP, lot « animation et "
        "concertation ». Le catalogue des prestations et les plafonds sont sur la "
        "plateforme.</p>",
        90,
    ),
]

CAPSULE = {
    "title": "Le devoir de suite en quatre minutes",
    "slug": "devoir-de-suite-en-quatre-minutes",
    "summary": "Pourquoi et comment rendre compte aux participants de ce qui a été fait de "
    "leurs contributions.",
    "video_url": "https://www.modernisation.gouv.fr/campus-de-la-transformation-publique",
    "duration": 245,
    "chapters": [(0, "Pourquoi rendre compte"), (70, "Les trois temps"), (170, "Les pièges")],
    "transcript": (
        "Bonjour. Vous venez de clore une consultation. Les participants vous ont donné du "
        "temps et des idées : ils attendent maintenant de savoir ce que vous en avez fait. "
        "C'est le devoir de suite.\n\n"
        "Le devoir de suite se prépare dès le lancement. Annoncez une date de restitution et "
        "tenez-la. Si la décision prend du retard, dites-le avant l'échéance.\n\n"
        "Il se joue en trois temps : à chaud, on remercie et on publie la synthèse ; à la "
        "décision, on répond à chaque proposition, retenue ou non, avec le motif ; dans la "
        "durée, on rend compte de la mise en œuvre.\n\n"
        "Les pièges à éviter : la réponse générique, la restitution qui n'arrive jamais, et "
        "la synthèse qui ne cite que les contributions favorables au projet."
    ),
}

CAPTIONS_VTT = """WEBVTT

00:00:00.000 --> 00:00:08.000
Bonjour. Vous venez de clore une consultation.

00:01:10.000 --> 00:01:18.000
Le devoir de suite se joue en trois temps.

00:02:50.000 --> 00:02:58.000
Les pièges à éviter : la réponse générique.
"""

# (asker email, title, body, theme, [(replier email, body)], accepted reply index or None)
QUESTIONS = [
    (
        "agent.ecologie@exemple.gouv.fr",
        "Comment toucher les jeunes dans une consultation sur la rénovation énergétique ?",
        "Notre consultation en ligne attire surtout des retraités propriétaires. Nous "
        "voudrions entendre des locataires de moins de trente ans.",
        "Méthodes et animation",
        [
            (
                "agent.jeunesse@exemple.gouv.fr",
                "Nous avons eu de bons résultats avec des permanences dans les missions "
                "locales et un partenariat avec des associations étudiantes.",
            ),
            (
                "conseiller.cipc@exemple.gouv.fr",
                "Combinez un panel tiré au sort avec des quotas d'âge et de statut "
                "d'occupation, et des ateliers dans des lieux fréquentés par les jeunes. "
                "Indemnisez la participation : c'est décisif pour les publics modestes.",
            ),
        ],
        1,
    ),
    (
        "agent.sante@exemple.gouv.fr",
        "Peut-on publier la synthèse avant la décision du ministre ?",
        "Le cabinet souhaite attendre l'arbitrage pour publier la synthèse des contributions.",
        "Devoir de suite",
        [
            (
                "conseillere.cipc@exemple.gouv.fr",
                "Oui, et c'est recommandé : la synthèse rend compte de ce qui a été dit, "
                "elle n'engage pas la décision. Les réponses motivées viendront ensuite.",
            ),
        ],
        None,
    ),
]

# (email, job title, ministry slug, skills, past experience)
PROFILES = [
    (
        "agent.ecologie@exemple.gouv.fr",
        "Chef de projet concertation",
        "transition-ecologique",
        "animation, consultation en ligne, urbanisme",
        "Concertation préalable sur un projet d'aménagement (2024)",
    ),
    (
        "agent.jeunesse@exemple.gouv.fr",
        "Chargée de mission participation des jeunes",
        "sports-jeunesse",
        "jeunesse, ateliers, aller vers",
        "Forum national de la jeunesse (2023, 2025)",
    ),
    (
        "conseiller.cipc@exemple.gouv.fr",
        "Conseiller participation citoyenne",
        None,
        "tirage au sort, conventions citoyennes, évaluation",
        "Accompagnement de quinze démarches ministérielles",
    ),
]


def _user(email: str):
    return User.objects.filter(email=email).first()


def _child(parent, model, slug: str, **fields):
    """The child page `slug` of `parent`, created and published once."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    parent.refresh_from_db()
    return page


def _load_guide(home) -> None:
    guide = GuidePage.objects.child_of(home).get()
    if not guide.intro:
        guide.intro = GUIDE_INTRO
        guide.save_revision().publish()
    for chapter_slug, chapter_title, chapter_intro, sheets in GUIDE:
        chapter = _child(
            guide, GuideChapterPage, chapter_slug, title=chapter_title, intro=chapter_intro
        )
        for slug, title, summary, key_points, body in sheets:
            _child(
                chapter,
                GuideSheetPage,
                slug,
                title=title,
                summary=summary,
                key_points=key_points,
                body=body,
            )


def _load_faq(home) -> None:
    from django.utils.text import slugify

    index = FaqIndexPage.objects.child_of(home).get()
    if not index.intro:
        index.intro = "Les questions que les agents posent le plus souvent au CIPC."
        index.save_revision().publish()
    themes = {}
    for position, name in enumerate(FAQ_THEMES):
        themes[name], _created = FaqTheme.objects.get_or_create(
            name=name, defaults={"position": position}
        )
    today = timezone.localdate()
    for theme, question, answer, age in FAQ:
        _child(
            index,
            FaqEntryPage,
            slugify(question)[:60],
            title=question,
            answer=answer,
            theme=themes[theme],
            last_checked=today - timedelta(days=age),
        )


def _load_dossier(home) -> None:
    dossier = FollowUpDossierPage.objects.child_of(home).get()
    if not dossier.body:
        for name, value in FOLLOWUP_DOSSIER.items():
            setattr(dossier, name, value)
        dossier.save_revision().publish()


def _load_capsule(home) -> None:
    from wagtail.documents.models import Document

    index = CapsuleIndexPage.objects.child_of(home).get()
    if not index.intro:
        index.intro = "De courtes vidéos, sous-titrées et transcrites, sur les gestes clés."
        index.save_revision().publish()
    if CapsulePage.objects.filter(slug=CAPSULE["slug"]).exists():
        return
    captions = Document(title=f"Sous-titres — {CAPSULE['title']}")
    captions.file.save("devoir-de-suite.vtt", ContentFile(CAPTIONS_VTT.encode()), save=False)
    captions.save()
    capsule = CapsulePage(
        title=CAPSULE["title"],
        slug=CAPSULE["slug"],
        summary=CAPSULE["summary"],
        video_url=CAPSULE["video_url"],
        captions=captions,
        duration_seconds=CAPSULE["duration"],
        transcript=CAPSULE["transcript"],
    )
    capsule.chapters = [CapsuleChapter(start_seconds=s, title=t) for s, t in CAPSULE["chapters"]]
    index.add_child(instance=capsule)
    capsule.save_revision().publish()


def _load_community() -> None:
    for email, job_title, ministry_slug, skills, past in PROFILES:
        user = _user(email)
        if user is None or AgentProfile.objects.filter(user=user).exists():
            continue

        ministry = (
            Organisation.objects.filter(slug=ministry_slug).first() if ministry_slug else None
        )
        actions.update_profile(
            actor=user,
            fields={
                "is_listed": True,
                "ministry": ministry,
                "job_title": job_title,
                "skills": skills,
                "past_experience": past,
            },
        )
    for asker, title, body, theme, replies, accepted in QUESTIONS:
        author = _user(asker)
        if author is None or Question.objects.filter(title=title).exists():
            continue
        question = actions.ask_question(
            actor=author, title=title, body=body, theme=FaqTheme.objects.get(name=theme)
        )
        made = [actions.reply(question, actor=_user(email), body=text) for email, text in replies]
        if accepted is not None:
            actions.accept_reply(made[accepted], actor=author)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    events = [
        (
            "Café de la participation : le tirage au sort",
            14,
            "",
            "https://webinaire.numerique.gouv.fr/",
        ),
        (
            "Rencontre annuelle des référents et des agents",
            40,
            "DITP, 20 avenue de Ségur, Paris",
            "",
        ),
    ]
    for title, days, place, video_url in events:
        Event.objects.get_or_create(
            title=title,
            defaults={
                "description": "Un temps d'échange entre pairs, animé par le CIPC.",
                "starts_at": now + timedelta(days=days),
                "ends_at": now + timedelta(days=days, hours=2),
                "place": place,
                "video_url": video_url,
            },
        )


def load() -> None:
    """Idempotent: safe to run on every `make run`."""
    home = ensure_resource_tree()
    _load_guide(home)
    _load_faq(home)
    _load_dossier(home)
    _load_capsule(home)
    _load_community()
