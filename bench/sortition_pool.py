"""Generate a Convention-size pool: 3,000 respondents, k = 150, 6 quota categories.

Quotas follow French population margins (adults, metropolitan France + overseas),
rounded from INSEE publications:

- gender: women 52 %, men 48 % (INSEE, pyramide des âges 2023, 18 ans et plus);
- age band: 18–24 10.5 %, 25–34 14.5 %, 35–44 15.5 %, 45–54 16.5 %, 55–64 15.5 %,
  65+ 27.5 % (same source);
- highest diploma: none/brevet 27 %, CAP-BEP 24 %, bac 17 %, bac+2 14 %,
  bac+3 or more 18 % (INSEE, « Diplôme le plus élevé selon l'âge », 2021);
- socio-professional category (PCS 2020, population 15+): farmers 1 %, craftsmen/
  shopkeepers/company heads 3.5 %, managers 10 %, intermediate 14 %, employees
  16 %, workers 12 %, retired 27 %, other inactive 16.5 % (INSEE, enquête Emploi);
- area type: urban 67 %, rural 33 % (INSEE 2021 municipal density grid, rural
  = « peu dense » + « très peu dense »);
- region: population of the 13 metropolitan regions and the overseas
  departments (INSEE, populations légales 2021, millions).

Volunteers are not a mirror of the population (the CCC's phone recruitment
over-reached older, more educated, urban people), so the pool is drawn with
response propensities that skew it, and with age-dependent diploma and
occupation, which makes the quotas interact as in a real draw. Deterministic
for a given seed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

GENDER = {"femme": 52.0, "homme": 48.0}
AGE = {"18-24": 10.5, "25-34": 14.5, "35-44": 15.5, "45-54": 16.5, "55-64": 15.5, "65+": 27.5}
DIPLOMA = {"aucun-brevet": 27.0, "cap-bep": 24.0, "bac": 17.0, "bac+2": 14.0, "bac+3": 18.0}
PCS = {
    "agriculteur": 1.0,
    "artisan-commercant": 3.5,
    "cadre": 10.0,
    "intermediaire": 14.0,
    "employe": 16.0,
    "ouvrier": 12.0,
    "retraite": 27.0,
    "autre-inactif": 16.5,
}
AREA = {"urbain": 67.0, "rural": 33.0}
REGION = {
    "ile-de-france": 12.3,
    "auvergne-rhone-alpes": 8.1,
    "hauts-de-france": 6.0,
    "nouvelle-aquitaine": 6.0,
    "occitanie": 6.0,
    "grand-est": 5.6,
    "paca": 5.1,
    "pays-de-la-loire": 3.8,
    "bretagne": 3.4,
    "normandie": 3.3,
    "bourgogne-franche-comte": 2.8,
    "centre-val-de-loire": 2.6,
    "corse": 0.35,
    "outre-mer": 2.2,
}
MARGINS = {
    "genre": GENDER,
    "age": AGE,
    "diplome": DIPLOMA,
    "csp": PCS,
    "territoire": AREA,
    "region": REGION,
}

# Response propensity multipliers (who volunteers): a plausible skew, not a measurement.
PROPENSITY = {
    "age": {"18-24": 0.6, "25-34": 0.8, "65+": 1.2},
    "diplome": {"aucun-brevet": 0.55, "cap-bep": 0.8, "bac+2": 1.3, "bac+3": 1.8},
    "csp": {"ouvrier": 0.6, "cadre": 1.6, "agriculteur": 0.8, "autre-inactif": 0.8},
    "territoire": {"rural": 0.85},
}


def _shares(margin: dict[str, float]) -> tuple[list[str], np.ndarray]:
    values = np.array(list(margin.values()), dtype=float)
    return list(margin), values / values.sum()


def _person(rng: np.random.Generator) -> dict[str, str]:
    """One adult drawn from the population margins, with age-dependent diploma and PCS."""
    row = {}
    for cat in ("genre", "age", "territoire", "region"):
        names, p = _shares(MARGINS[cat])
        row[cat] = names[rng.choice(len(names), p=p)]
    age = list(AGE).index(row["age"])
    names, p = _shares(DIPLOMA)
    # Younger cohorts hold more diplomas: tilt towards higher levels for young ages.
    tilt = np.linspace(-1, 1, len(names)) * (0.35 - 0.14 * age)
    p = p * np.exp(tilt)
    row["diplome"] = names[rng.choice(len(names), p=p / p.sum())]
    names, p = _shares(PCS)
    p = p.copy()
    retired = names.index("retraite")
    inactive = names.index("autre-inactif")
    p[retired] = [0.0, 0.0, 0.0, 0.02, 0.35, 0.92][age]
    p[inactive] *= [2.5, 0.8, 0.7, 0.7, 0.8, 0.2][age]
    active = [i for i in range(len(names)) if i not in (retired,)]
    rest = 1.0 - p[retired]
    p[active] = p[active] / p[active].sum() * rest
    row["csp"] = names[rng.choice(len(names), p=p)]
    return row


def generate_pool(n: int = 3000, seed: int = 2019) -> list[dict[str, str]]:
    """n volunteers drawn with the response propensities (rejection sampling)."""
    rng = np.random.default_rng(seed)
    top = max(max(m.values()) for m in PROPENSITY.values()) ** len(PROPENSITY)
    people: list[dict[str, str]] = []
    while len(people) < n:
        row = _person(rng)
        weight = 1.0
        for cat, mult in PROPENSITY.items():
            weight *= mult.get(row[cat], 1.0)
        if rng.random() * top < weight:
            row["pool_member_identifier"] = f"p{len(people) + 1:05d}"
            people.append(row)
    return people


def quotas(k: int = 150) -> list[dict[str, object]]:
    """Quotas around the population share: [floor(t) - s, ceil(t) + s], s = max(1, 5 % of t)."""
    out: list[dict[str, object]] = []
    for cat, margin in MARGINS.items():
        names, p = _shares(margin)
        for name, share in zip(names, p, strict=True):
            target = share * k
            slack = max(1, round(0.05 * target))
            lo = max(0, int(np.floor(target)) - slack)
            hi = int(np.ceil(target)) + slack
            out.append({"category": cat, "feature": name, "min": lo, "max": hi})
    return out


def write_instance(directory: Path, n: int = 3000, k: int = 150, seed: int = 2019) -> Path:
    """Write categories.csv and respondents.csv (the shared data format) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "categories.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["category", "feature", "min", "max"])
        writer.writeheader()
        writer.writerows(quotas(k))
    columns = ["pool_member_identifier", *MARGINS]
    with open(directory / "respondents.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(generate_pool(n, seed))
    return directory


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/convention_3000")
    print(write_instance(target))
