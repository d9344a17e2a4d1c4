"""What an import did, told in French to the organiser: counts and every reason a file,
a column or a row was left out."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class Issue:
    """Something left out: `where` is a file name, a column or "fichier:ligne"."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} : {self.message}" if self.where else self.message


@dataclass
class ImportReport:
    source: str  # "decidim" or "capcollectif"
    created: int = 0
    existing: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    encoding: str = ""
    files_read: list[str] = field(default_factory=list)
    files_ignored: list[Issue] = field(default_factory=list)
    columns_ignored: list[Issue] = field(default_factory=list)
    rows_rejected: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refused: bool = False  # nothing imported: the file itself is unusable
    malformed: int = 0  # rows with a wrong number of fields: the file is refused

    def count(self, kind: str) -> None:
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1

    def refuse(self, message: str) -> "ImportReport":
        self.refused = True
        self.warnings.append(message)
        return self

    @property
    def imported(self) -> int:
        return self.created + self.existing

    def summary(self) -> str:
        if self.refused:
            return _("Aucune contribution n'a été importée.")
        parts = [
            ngettext(
                "%(count)d contribution importée.",
                "%(count)d contributions importées.",
                self.created,
            )
            % {"count": self.created}
        ]
        if self.existing:
            parts.append(
                ngettext(
                    "%(count)d déjà importée auparavant, non ajoutée à nouveau.",
                    "%(count)d déjà importées auparavant, non ajoutées à nouveau.",
                    self.existing,
                )
                % {"count": self.existing}
            )
        if self.rows_rejected:
            parts.append(
                ngettext(
                    "%(count)d ligne non importée.",
                    "%(count)d lignes non importées.",
                    len(self.rows_rejected),
                )
                % {"count": len(self.rows_rejected)}
            )
        return " ".join(parts)

    def lines(self) -> list[str]:
        """The whole report as text lines (for the command line and the logs)."""
        lines = [self.summary()]
        if self.encoding:
            lines.append(_("Encodage lu : %(encoding)s.") % {"encoding": self.encoding})
        lines.extend(self.warnings)
        for title, issues in (
            (_("Fichiers non importés"), self.files_ignored),
            (_("Colonnes ignorées"), self.columns_ignored),
            (_("Lignes non importées"), self.rows_rejected),
        ):
            if issues:
                lines.append(f"{title} ({len(issues)}) :")
                lines.extend(f"  - {issue}" for issue in issues)
        return lines
