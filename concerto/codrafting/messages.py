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


# A Decidim export's problems (concerto.engines.codrafting.decidim); `line` is the rank
# of the proposal in the export, except for "invalid_json" (a line of the file).
DECIDIM_MESSAGES = {
    "undecodable_text": _("Le fichier n'est pas en UTF-8"),
    "invalid_json": _("Le fichier n'est pas du JSON valide"),
    "not_a_list": _("Le fichier n'est pas un export des propositions de Decidim (liste JSON)"),
    "not_an_object": _("Un élément de l'export n'est pas un objet JSON"),
    "missing_field": _("Il manque un champ à un élément"),
    "invalid_value": _("Un élément a une valeur illisible"),
    "duplicate_id": _("Un identifiant apparaît deux fois"),
    "unknown_level": _(
        "Une proposition n'a pas de niveau de texte participatif connu "
        "(section, sub-section ou article)"
    ),
    "article_without_text": _("Un article n'a pas de texte"),
    "amendment_without_target": _("Un amendement ne dit pas quelle proposition il amende"),
    "unknown_amended_proposal": _("Un amendement porte sur une proposition absente de l'export"),
    "amended_not_article": _("Un amendement porte sur autre chose qu'un article"),
    "amendment_unchanged": _("Un amendement ne change rien au texte de l'article"),
    "no_article": _("L'export ne contient aucun article"),
    "unknown_commented_proposal": _(
        "Un commentaire porte sur une proposition absente de l'export des propositions"
    ),
}


def decidim_problem_message(problem) -> str:
    """One problem of a Decidim export as a sentence, with where it is."""
    message = str(DECIDIM_MESSAGES.get(problem.code, _("Problème de lecture")))
    if problem.detail and problem.code != "undecodable_text":
        message += f" ({problem.detail})"
    if problem.code == "invalid_json":
        message += str(_(", ligne %(line)s") % {"line": problem.line})
    elif problem.line:
        message += str(_(", élément n° %(rank)s de l'export") % {"rank": problem.line})
    return message + "."
