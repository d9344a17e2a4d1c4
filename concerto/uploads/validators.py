"""The upload check every form runs: declared extension, size, then the real content."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from concerto.uploads import sniffing

MB = 1024 * 1024
# Size family of each extension: settings.UPLOAD_MAX_SIZES holds one limit per family.
EXTENSION_FAMILIES = {
    "pdf": "document",
    "odt": "document",
    "ods": "document",
    "docx": "document",
    "xlsx": "document",
    "png": "image",
    "jpg": "image",
    "jpeg": "image",
    "webp": "image",
    "csv": "text",
    "txt": "text",
    "md": "text",
    "srt": "text",
    "vtt": "text",
    "zip": "archive",
    "mp4": "video",
    "webm": "video",
}
DEFAULT_MAX_SIZES = {
    "document": 10 * MB,
    "image": 5 * MB,
    "text": 5 * MB,
    "archive": 20 * MB,
    "video": 500 * MB,
}

MESSAGES = {
    "too_large": _("Le fichier dépasse %(size)s : réduisez-le ou découpez-le."),
    "executable": _("Ce fichier est un programme exécutable : il est refusé."),
    "markup": _(
        "Ce fichier est une page web (HTML) ou une image SVG, qui peut contenir du script : "
        "il est refusé."
    ),
    "unknown": _(
        "Le contenu de ce fichier n'est pas reconnu : enregistrez-le au format « %(extension)s »"
        " (texte en UTF-8 ou ISO-8859-1 pour un fichier CSV) et déposez-le à nouveau."
    ),
    "mismatch": _(
        "Le contenu de ce fichier ne correspond pas à son extension « .%(extension)s » : "
        "déposez un vrai fichier %(expected)s."
    ),
}


def format_size(size: int) -> str:
    """A size in French units, as the messages show it: "5 Mo", "1,5 Mo", "800 ko"."""
    unit, divisor = ("Mo", MB) if size >= MB else ("ko", 1024)
    value = round(size / divisor, 1)
    shown = number_format(int(value)) if value == int(value) else number_format(value, 1)
    return f"{shown} {unit}"


def max_size_for(extension: str) -> int:
    family = EXTENSION_FAMILIES.get(extension, "document")
    limits = DEFAULT_MAX_SIZES | getattr(settings, "UPLOAD_MAX_SIZES", {})
    return limits[family]


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


@deconstructible
class UploadValidator:
    """Refuses an upload whose extension is not accepted, which is larger than allowed,
    or whose content is a program, a web page, or not what its extension says.

    `max_size` overrides the per-family limit of settings.UPLOAD_MAX_SIZES for one form.
    """

    def __init__(self, extensions: Iterable[str], max_size: int | None = None):
        self.extensions = [extension.lower() for extension in extensions]
        unknown = set(self.extensions) - set(sniffing.EXTENSION_KINDS)
        if unknown:
            raise ValueError(f"No content check for extensions: {sorted(unknown)}")
        self.max_size = max_size

    def __call__(self, upload) -> None:
        FileExtensionValidator(self.extensions)(upload)
        extension = extension_of(upload.name)
        limit = self.max_size or max_size_for(extension)
        if upload.size > limit:
            raise ValidationError(
                MESSAGES["too_large"], code="too_large", params={"size": format_size(limit)}
            )
        kind = sniffing.sniff(upload)
        if kind in (sniffing.EXECUTABLE, sniffing.MARKUP):
            raise ValidationError(MESSAGES[kind], code=kind)
        if kind is None:
            raise ValidationError(
                MESSAGES["unknown"], code="unknown", params={"extension": extension}
            )
        if kind not in sniffing.EXTENSION_KINDS[extension]:
            raise ValidationError(
                MESSAGES["mismatch"],
                code="mismatch",
                params={"extension": extension, "expected": extension.upper()},
            )
        # Remembered for the view that stores or serves it.
        upload.sniffed_kind = kind

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.extensions == other.extensions
            and self.max_size == other.max_size
        )
