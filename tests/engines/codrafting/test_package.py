"""The package's public names resolve, and it stays a pure engine."""

import ast
from pathlib import Path

import concerto.engines.codrafting as codrafting

PACKAGE = Path(codrafting.__file__).parent


def test_every_exported_name_resolves():
    for name in codrafting.__all__:
        assert getattr(codrafting, name) is not None, name
    assert codrafting.read_draft("Article 1er\nTexte.", "text").document.counts()["article"] == 1


def test_no_import_of_django_or_of_the_rest_of_concerto():
    allowed = ("concerto.engines.codrafting", "concerto.engines")
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                assert not module.startswith("django"), (path.name, module)
                if module.startswith("concerto"):
                    assert module in allowed or module.startswith(allowed[0] + "."), (
                        path.name,
                        module,
                    )
