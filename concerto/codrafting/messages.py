"""The engine's reading problems, told to the organiser in French."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "undecodable_text": _("Le texte n'a pas pu être lu (encodage inconnu)"),
    "not_a_zip": _("Ce fichier n'est pas un document Word (.docx) ou OpenDocument (.odt) valide"),
    "missing_part": _("Ce document est incomplet : il lui manque une partie"),
    "invalid_xml": _("Ce document est endommagé"),
    "unknown_format": _("Ce format n'est pas pris en charge"),
    "decoded_as_windows_1252": _(
        "Le texte a été lu comme de l'ancien encodage Windows : vérifiez les accents"
    ),
    "empty_draft": _("Le texte est vide"),
    "no_article": _(
        "Aucun article n'a été reconnu : commencez chaque article par « Article 1er », "
        "« Article 2 »… ou par un titre ###"
    ),
    "duplicate_article_number": _("Un numéro d'article apparaît deux fois"),
    "article_without_text": _("Un article n'a pas de texte"),
    "heading_kept_as_paragraph": _("Un titre n'a pas été reconnu et reste un alinéa"),
}


def problem_message(problem) -> str:
    """One problem as a sentence, with where it is and its value."""
    message = str(MESSAGES.get(problem.code, _("Problème de lecture")))
    if problem.detail and problem.code not in ("undecodable_text", "invalid_xml"):
        message += f" ({problem.detail})"
    if problem.line:
        message += str(_(", ligne %(line)s") % {"line": problem.line})
    return message + "."
