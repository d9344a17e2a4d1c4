"""Issue 24: "1 critères", "engagement(s) … dû(s)". Counted words are written with
ngettext or {% blocktranslate count %}, never with "(s)": this test fails on any "(s)"
glued to a word in a template or in a string of the platform's Python code. The
engines keep their own messages until they speak codes (issue 20)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "concerto"
GLUED = re.compile(r"\w\(s\)")
# Developers' messages in English (and the engines, see above), not read by users.
SKIPPED = ("engines",)


def _in_text(path: Path, line: str, at: int) -> bool:
    """In a template, everywhere; in Python, inside a string literal (an odd number of
    double quotes before it), so that `str(s)` stays code."""
    if line.lstrip().startswith("#"):
        return False
    return path.suffix != ".py" or line[:at].count('"') % 2 == 1


def test_no_word_takes_its_plural_in_parentheses():
    found = []
    for path in sorted(ROOT.rglob("*")):
        if path.suffix not in {".html", ".txt", ".py"} or any(
            part in SKIPPED for part in path.relative_to(ROOT).parts
        ):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(_in_text(path, line, match.start()) for match in GLUED.finditer(line)):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
