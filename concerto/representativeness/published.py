"""The published representativeness figures as rows: one per profile question and category.

One builder for the page's CSV download and the open-data dataset, so that both say
exactly what the page shows (suppressed cells stay empty). The column names are the
open-data dataset's fields (`concerto/opendata/datasets/representativeness.py`).
"""

from collections.abc import Iterator

from concerto.representativeness.tables import Report

COLUMNS = (
    "question", "libelle_question", "categorie", "libelle_categorie", "repondants",
    "effectif", "part_pct", "part_reference_pct", "ecart_points", "sous_represente",
    "indice_question", "source", "annee_source",
)  # fmt: skip


def report_rows(report: Report) -> Iterator[dict]:
    for table in report.questions:
        question = table.question
        index = None if table.index is None else round(table.index, 3)
        for row in table.rows:
            if row.under_represented:
                under = "oui"
            else:
                under = "non" if row.share is not None and row.reference is not None else None
            yield {
                "question": question.key,
                "libelle_question": question.label,
                "categorie": row.code,
                "libelle_categorie": row.label,
                "repondants": table.respondents,
                "effectif": row.count,
                "part_pct": row.share_pct,
                "part_reference_pct": row.reference_pct,
                "ecart_points": row.gap_rounded,
                "sous_represente": under,
                "indice_question": index,
                "source": question.source,
                "annee_source": question.year,
            }
