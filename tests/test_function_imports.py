"""No project module is imported inside a function to dodge an import cycle (issue 20).

An import of a `concerto` module inside a function or method body is allowed only
with a comment that says why, on the import line itself or on the line just above:
`# lazy: …` (the numeric stack), `# cycle: …` (the two modules), `# models are
loaded only in ready()`… A tool's pragma (`# noqa`, `# type:`) is no reason."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "concerto"
PRAGMA = re.compile(r"#\s*(noqa|type:|fmt:|pragma)")
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def is_reason(comment: str) -> bool:
    return comment.startswith("# ") and not PRAGMA.match(comment)


def imports_project(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "concerto"
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "concerto" for alias in node.names)
    return False


def function_imports(tree: ast.AST):
    """The project imports nested in a function body, at any depth."""
    for function in ast.walk(tree):
        if isinstance(function, FUNCTIONS):
            for node in ast.walk(function):
                if imports_project(node):
                    yield node


def justified(lines: list[str], lineno: int) -> bool:
    line = lines[lineno - 1]
    own = line.find("  # ")
    above = lines[lineno - 2].strip() if lineno >= 2 else ""
    return (own >= 0 and is_reason(line[own + 2 :].strip())) or is_reason(above)


def unjustified() -> list[str]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.relative_to(PACKAGE).parts:
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in function_imports(ast.parse(source)):
            if not justified(lines, node.lineno):
                where = path.relative_to(ROOT)
                found.add((str(where), node.lineno, lines[node.lineno - 1].strip()))
    return [f"{path}:{lineno}: {line}" for path, lineno, line in sorted(found)]


def test_every_function_level_project_import_says_why():
    assert unjustified() == []


def test_the_check_finds_a_bare_import_and_accepts_a_reason():
    source = (
        "def f():\n"
        "    from concerto.a import b\n"
        "    # cycle: concerto.c imports this module\n"
        "    from concerto.c import d\n"
        "    from concerto.e import g  # noqa: F401\n"
        "    from concerto.h import i  # lazy: the numeric stack\n"
        "    import os\n"
    )
    lines = source.splitlines()
    bare = [node.lineno for node in function_imports(ast.parse(source))]
    assert bare == [2, 4, 5, 6]
    assert [n for n in bare if not justified(lines, n)] == [2, 5]
