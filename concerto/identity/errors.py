"""Why a sign-in through a provider was refused, in words a person can act on."""

from django.utils.translation import gettext_lazy as _


class SignInRefused(Exception):
    """A provider sign-in or link that must not create a session nor change an account."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


def refused(code: str, **params) -> SignInRefused:
    return SignInRefused(MESSAGES[code] % params if params else MESSAGES[code], code)


MESSAGES = {
    "state": _(
        "Cette demande de connexion a déjà été utilisée ou a expiré. "
        "Recommencez la connexion depuis cette page."
    ),
    "signature": _(
        "La signature du jeton transmis par %(provider)s est invalide : la connexion a été "
        "refusée. Recommencez ; si le problème persiste, contactez le support."
    ),
    "nonce": _(
        "Le jeton transmis par %(provider)s ne correspond pas à cette demande de connexion "
        "(nonce différent) : la connexion a été refusée. Recommencez la connexion."
    ),
    "expired": _(
        "Le jeton transmis par %(provider)s a expiré : la connexion a été refusée. "
        "Recommencez la connexion."
    ),
    "invalid": _(
        "Le jeton transmis par %(provider)s n'est pas valide pour Concerto : la connexion a été "
        "refusée. Recommencez ; si le problème persiste, contactez le support."
    ),
    "provider": _(
        "%(provider)s n'a pas pu confirmer votre identité. Réessayez plus tard, ou connectez-vous "
        "avec votre adresse électronique."
    ),
    "unavailable": _(
        "%(provider)s est indisponible pour le moment. Connectez-vous avec votre adresse "
        "électronique ou réessayez plus tard."
    ),
    "email": _(
        "%(provider)s n'a pas transmis d'adresse électronique : Concerto ne peut pas retrouver "
        "votre compte. Connectez-vous avec votre adresse électronique."
    ),
    "inactive": _("Ce compte est désactivé."),
    "other_identity": _(
        "Votre compte Concerto est déjà lié à une autre identité %(provider)s. Rien n'a été "
        "fusionné : connectez-vous avec votre adresse électronique, puis retirez l'ancienne "
        "identité depuis « Mes identités de connexion » avant d'en lier une nouvelle."
    ),
    "linked_elsewhere": _(
        "Cette identité %(provider)s est déjà liée à un autre compte Concerto. Rien n'a été "
        "fusionné : connectez-vous avec cet autre compte, ou contactez le support si ce compte "
        "n'est pas le vôtre."
    ),
    "email_mismatch": _(
        "L'adresse transmise par %(provider)s (%(provider_email)s) n'est pas celle de votre "
        "compte (%(account_email)s). Rien n'a été lié : utilisez la même adresse des deux côtés."
    ),
}
