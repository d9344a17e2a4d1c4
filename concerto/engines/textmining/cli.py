"""`textmining analyse <file.csv> --text-column <name> [--author-column <name>]
[--date-column <name>] [--themes N] [--seed S] [--json]`.

Prints exact duplicates, campaigns and themes (labels, sizes, quotes); with
--json, a JSON document that also gives each input row's theme id and its
duplicate and campaign groups, to check the result against labels.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from contextlib import contextmanager
from datetime import date
from typing import Any

from concerto.engines.textmining.model import Analysis, Params, TextMiningError
from concerto.engines.textmining.pipeline import analyse

# Contributions can be long; the csv module's default refuses cells over 128 KB.
FIELD_LIMIT = 10_000_000


@contextmanager
def larger_fields():
    """The csv module's cell limit raised while reading, then put back: the limit is
    global to the process, and the platform's own imports rely on the default."""
    previous = csv.field_size_limit(FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def read_csv(path: str, text_column: str, author_column: str | None, date_column: str | None):
    for encoding in ("utf-8-sig", "iso-8859-1"):
        try:
            with larger_fields(), open(path, newline="", encoding=encoding) as handle:
                sample = handle.read(65536)
                handle.seek(0)
                try:
                    dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
                except csv.Error:
                    dialect = csv.excel
                rows = list(csv.DictReader(handle, dialect=dialect))
            break
        except UnicodeDecodeError:
            continue
        except OSError as error:
            raise TextMiningError(f"Cannot read {path}: {error.strerror}") from error
    columns = list(rows[0].keys()) if rows else []
    for column in filter(None, (text_column, author_column, date_column)):
        if rows and column not in columns:
            raise TextMiningError(f"No column {column!r} in {path}; columns: {', '.join(columns)}")
    texts = [row[text_column] or "" for row in rows]
    authors = [row[author_column] or None for row in rows] if author_column else None
    moments = None
    if date_column:
        moments = []
        for row in rows:
            try:
                moments.append(date.fromisoformat((row[date_column] or "")[:10]))
            except ValueError:
                moments.append(None)
    return texts, authors, moments


def to_json(result: Analysis, texts: list[str]) -> dict[str, Any]:
    return {
        "texts": result.n_texts,
        "authors": result.n_authors,
        "empty": result.n_empty,
        "exact_copies": result.n_copies,
        "own_repeats": result.n_self_repeats,
        "copies_by_other_authors": result.n_cross_author_copies,
        "texts_in_campaigns": result.n_in_campaigns,
        "campaigns": [
            {
                "id": c.id,
                "kind": c.kind,
                "texts": c.size,
                "authors": c.authors,
                "example": texts[c.example],
                "sentence": c.sentence,
                "days": {date.fromordinal(719163 + d).isoformat(): n for d, n in c.days.items()},
            }
            for c in result.campaigns
        ],
        "themes": [
            {
                "id": t.id,
                "label": t.label,
                "terms": t.terms,
                "texts": t.size,
                "authors": t.authors,
                "quotes": [texts[q] for q in t.quotes],
            }
            for t in result.themes
        ],
        "rows": [
            {"theme": int(th), "duplicate_group": int(d), "copy": bool(cp), "campaign": int(c)}
            for th, d, cp, c in zip(
                result.theme, result.duplicate_group, result.is_copy, result.campaign, strict=True
            )
        ],
        "timings": {k: round(v, 3) for k, v in result.timings.items()},
    }


def print_text(result: Analysis, texts: list[str], out) -> None:
    w = out.write
    w(f"{result.n_texts} texts by {result.n_authors} authors ({result.n_empty} empty)\n")
    w(
        f"Exact duplicates: {result.n_copies} copies, of which {result.n_self_repeats} "
        f"an author's own repeats and {result.n_cross_author_copies} by other authors\n"
    )
    w(f"\nCampaigns: {len(result.campaigns)} ({result.n_in_campaigns} texts)\n")
    for c in result.campaigns[:20]:
        shown = c.sentence if c.kind == "sentence" else texts[c.example]
        w(f"  #{c.id} [{c.kind}] {c.size} texts, {c.authors} authors: {shown[:150]!r}\n")
    chosen = " (chosen by the engine)" if result.n_themes_chosen_by_engine else ""
    w(f"\nThemes: {len(result.themes)}{chosen}\n")
    for t in result.themes:
        w(
            f"  #{t.id} {t.label} — {t.size} texts, {t.authors} authors; "
            f"terms: {', '.join(t.terms)}\n"
        )
        for q in t.quotes:
            w(f"      « {texts[q][:200]} »\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="concerto textmining")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("analyse", help="duplicates, campaigns and themes of a CSV column")
    run.add_argument("file")
    run.add_argument("--text-column", required=True)
    run.add_argument("--author-column")
    run.add_argument("--date-column")
    run.add_argument("--themes", type=int, help="number of themes (default: chosen)")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    try:
        texts, authors, moments = read_csv(
            options.file, options.text_column, options.author_column, options.date_column
        )
    except TextMiningError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if options.themes is not None and options.themes < 1:
        print("error: --themes must be at least 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = analyse(texts, authors, moments, Params(n_themes=options.themes, seed=options.seed))
    if options.json:
        json.dump(to_json(result, texts), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_text(result, texts, sys.stdout)
        print(f"\n{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
