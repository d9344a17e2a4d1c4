"""Two people editing the same object at once.

A form carries what it showed (a revision number, a fingerprint of the row); the action
saving it checks that against what is stored and raises `EditConflict` when someone else
saved meanwhile, so that nobody overwrites another's work unknowingly. Any domain's
action may raise it; the view keeps what was typed and shows the message.
"""

from django.utils.translation import gettext as _


class EditConflict(Exception):
    """Someone else saved the same object since the form was opened."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Ce contenu a été modifié par une autre personne depuis que vous l'avez ouvert. "
                "Vos saisies sont conservées ci-dessous : vérifiez la version à jour puis "
                "enregistrez à nouveau."
            )
        )
