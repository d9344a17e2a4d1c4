"""The register of the personal data the platform holds (RGPD article 30).

One entry per kind of data: what, why, on which legal basis, for how long, and
which retention rule enforces the period. The public personal-data page is
rendered from this list, and a test checks that every rule named here exists,
so the page cannot promise a deletion the platform does not do.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RegisterEntry:
    name: str
    data: str
    purpose: str
    legal_basis: str
    retention: str
    rule: str = ""  # key in concerto.privacy.retention.RULES, "" when kept for the record


PUBLIC_INTEREST = _("Mission d'intérêt public (article 6-1-e du RGPD)")
CONSENT = _("Consentement (article 6-1-a du RGPD)")

REGISTER: tuple[RegisterEntry, ...] = (
    RegisterEntry(
        _("Comptes des citoyens"),
        _(
            "Adresse électronique, prénom, nom, mot de passe chiffré, date de dernière "
            "connexion, nom affiché sur les pages publiques (prénom et initiale du nom, ou "
            "pseudonyme choisi)."
        ),
        _("Permettre de contribuer, de suivre ses contributions et d'être informé des suites."),
        PUBLIC_INTEREST,
        _("Trois ans après la dernière connexion, le compte est anonymisé."),
        "inactive_accounts",
    ),
    RegisterEntry(
        _("Comptes des agents publics"),
        _("Adresse électronique professionnelle, nom, organisation de rattachement, rôle."),
        _("Déclarer et conduire les dispositifs, instruire les saisines, rendre compte."),
        PUBLIC_INTEREST,
        _("Tant que l'agent est rattaché à une organisation ; ensuite comme un compte citoyen."),
        "inactive_accounts",
    ),
    RegisterEntry(
        _("Contributions"),
        _("Textes, votes, soutiens et inscriptions, avec leur date et leur auteur ou pseudonyme."),
        _("Faire participer le public et lui rendre compte de ce qui en a été fait."),
        PUBLIC_INTEREST,
        _(
            "Conservées avec le dispositif, sans limite, car elles fondent la réponse publique ; "
            "à la suppression du compte elles deviennent anonymes, ou sont retirées si la "
            "personne le demande tant que le module est ouvert."
        ),
    ),
    RegisterEntry(
        _("Contributions affichées sur les pages publiques"),
        _(
            "Propositions, commentaires et arguments : texte, date et signature. La signature "
            "suit le choix de la personne, sur sa page « Mes données personnelles » : par "
            "défaut son prénom et l'initiale de son nom (« Camille D. »), ou le pseudonyme "
            "qu'elle a choisi ; jamais son nom complet ni son adresse. Une contribution "
            "déposée sans compte garde le pseudonyme saisi avec elle. Les réponses aux "
            "questionnaires ne sont jamais signées."
        ),
        _("Rendre compte publiquement de la participation et de ce qui en a été fait."),
        PUBLIC_INTEREST,
        _(
            "Tant que la contribution est publiée ; à la suppression du compte, la signature "
            "disparaît."
        ),
    ),
    RegisterEntry(
        _("Données ouvertes et API publique"),
        _(
            "Jeux « contributions » et « propositions », et l'API publique : textes, dates, "
            "canal, thème et un identifiant pseudonyme d'auteur, jamais un nom, un pseudonyme "
            "ni un numéro de compte. Cet identifiant est une empreinte à clé secrète dédiée "
            "(HMAC-SHA256) : le même pour les contributions d'une personne à un même "
            "dispositif, sans lien d'un dispositif à l'autre. Les réponses ouvertes aux "
            "questionnaires reçoivent un identifiant distinct, sans lien avec celui des "
            "propositions, commentaires et arguments de la même personne ; les réponses aux "
            "questions fermées ne sont publiées qu'en totaux, sur la page du questionnaire, si "
            "l'organisateur le décide. Jeux « dispositifs », « avis-cipc », "
            "« reponses », « chiffres-suivi », « panels » et « representativite » : aucune "
            "donnée personnelle (les panels et la représentativité en effectifs agrégés "
            "seulement, ceux de la représentativité masqués sous 10)."
        ),
        _("Permettre à chacun d'analyser la participation et de vérifier les suites données."),
        PUBLIC_INTEREST,
        _(
            "Republiées chaque jour, et dans les cinq minutes quand une contribution est "
            "retirée, masquée ou supprimée ou que le compte de son auteur est supprimé : elle "
            "n'y figure plus, ou n'y a plus d'identifiant d'auteur. Une source suggérée n'y "
            "figure que si les organisateurs l'ont retenue."
        ),
    ),
    RegisterEntry(
        _("Exports des organisateurs"),
        _(
            "Export des contributions d'un module et export des votes d'une carte des "
            "opinions : une référence pseudonyme par personne, propre à chaque dispositif, "
            "distincte pour les réponses aux questionnaires et sans lien avec les "
            "identifiants des données ouvertes ; jamais le numéro de compte ni l'adresse."
        ),
        _("Analyser les contributions sous l'autorité du commanditaire."),
        PUBLIC_INTEREST,
        _("Fichiers produits à la demande, non conservés par la plateforme."),
    ),
    RegisterEntry(
        _("Cartes des opinions"),
        _(
            "Votes sur les énoncés, avec leur date et leur auteur ; pour la dernière carte "
            "calculée de chaque module, le groupe d'opinion où le calcul place chaque "
            "votant. Ce groupe reste sur le serveur : les pages publiques ne montrent que "
            "la taille et les votes de chaque groupe, jamais ses membres."
        ),
        _(
            "Faire apparaître les groupes d'opinion et les points d'accord ; classer les "
            "suggestions sur un texte à co-construire selon leur soutien dans chacun des "
            "groupes (soutien transversal)."
        ),
        PUBLIC_INTEREST,
        _(
            "Les votes sont conservés avec le dispositif, anonymes à la suppression du "
            "compte. Le groupe de chaque votant est remplacé à chaque nouveau calcul de la "
            "carte et effacé avec le compte."
        ),
    ),
    RegisterEntry(
        _("Profil de participant"),
        _(
            "Deux ensembles distincts, conservés à part des contributions. Le profil du "
            "compte, créé seulement si la personne y consent (depuis son espace ou en cochant "
            "« Enregistrer ces réponses dans mon profil » dans un dispositif) : ses réponses "
            "facultatives aux questions du catalogue (âge, genre, département, région, type "
            "de commune, catégorie socioprofessionnelle, diplôme, participation antérieure) et "
            "la date du consentement. Pour chaque dispositif qui en pose, les réponses "
            "facultatives aux questions de profil choisies par l'organisateur, données une "
            "fois, éventuellement pré-remplies depuis le profil du compte puis confirmées."
        ),
        _(
            "Mesurer qui a participé, uniquement en chiffres agrégés : page de "
            "représentativité du dispositif, où tout effectif inférieur à 10 est masqué, et "
            "évaluation. Le profil du compte sert en outre à pré-remplir, avec l'accord de "
            "la personne, les questions de profil des dispositifs suivants."
        ),
        CONSENT,
        _(
            "Deux ans après la dernière contribution de la personne (ou après son "
            "consentement, ou sa réponse au dispositif) ; le profil du compte est effacé "
            "dès que la personne retire son consentement, et les deux sont effacés avec le "
            "compte."
        ),
        "participant_profiles",
    ),
    RegisterEntry(
        _("Viviers des panels tirés au sort"),
        _(
            "Adresses ou numéros de téléphone invités et leur code d'invitation ; identité, "
            "caractéristiques, adresse du foyer et consentement des volontaires ; probabilités "
            "de sélection ; présences aux séances des membres tirés au sort."
        ),
        _(
            "Inviter, tirer au sort un panel respectant les quotas, remplacer les désistements "
            "et suivre la présence aux séances."
        ),
        PUBLIC_INTEREST,
        _(
            "Jusqu'à la date de suppression fixée par l'organisateur, au plus deux ans après "
            "la fin de la participation du dispositif ; les agrégats restent."
        ),
        "panel_pools",
    ),
    RegisterEntry(
        _("Abonnés à la lettre d'information du CIPC"),
        _(
            "Adresse électronique, public choisi (agents publics, référents ministériels ou "
            "grand public), texte et date du consentement, date de confirmation de l'adresse "
            "et, le cas échéant, date de désabonnement et compte lié ; pour chaque envoi, "
            "l'adresse destinataire et la date d'envoi."
        ),
        _("Envoyer la lettre d'information du CIPC aux personnes qui l'ont demandée."),
        CONSENT,
        _(
            "Une demande non confirmée est effacée après trente jours ; un abonnement dure "
            "jusqu'au désabonnement, possible à tout moment par le lien de chaque lettre."
        ),
        "newsletter_unconfirmed",
    ),
    RegisterEntry(
        _("Envois groupés de courriels (lettre d'information, résumés, alertes)"),
        _("Pour chaque envoi : adresse destinataire, compte lié, état et date d'envoi."),
        _(
            "Envoyer chaque courriel groupé une fois à chaque destinataire et reprendre un "
            "envoi interrompu sans rien renvoyer."
        ),
        PUBLIC_INTEREST,
        _("Quatre-vingt-dix jours après la fin de l'envoi."),
        "mailing_deliveries",
    ),
    RegisterEntry(
        _("Journal des accès du personnel"),
        _("Qui a consulté quelles données personnelles, quand et depuis quelle page."),
        _("Contrôler que les agents n'accèdent qu'aux données nécessaires à leur mission."),
        PUBLIC_INTEREST,
        _("Un an."),
        "access_log",
    ),
    RegisterEntry(
        _("Journal d'activité du personnel"),
        _(
            "Qui, parmi les agents, les conseillers du CIPC et les administrateurs, a fait "
            "quelle action sur quel objet, quand et pour quel motif."
        ),
        _("Rendre compte des décisions prises sur la plateforme et pouvoir les contrôler."),
        PUBLIC_INTEREST,
        _("Cinq ans."),
        "activity_log",
    ),
)
