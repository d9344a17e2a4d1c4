"""Pure-Python engines: no Django, no import from the rest of `concerto`.

The numeric engines (sortition, opinions, textmining) pull in numpy, scipy,
scikit-learn or HiGHS, which take seconds to import. Their packages therefore
export their names lazily (`lazy_exports`): importing `concerto.engines.sortition`
costs nothing, and the numeric stack loads the first time a name is used, in the
task, command or request that runs the engine. Loading the URL configuration, and
so every app process and management command, stays free of it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[Callable, Callable, list]:
    """`__getattr__`, `__dir__` and `__all__` for a package whose names live in submodules.

    `exports` maps each public name to the submodule (relative to `package`) that
    defines it. A name is imported on first access, then cached in the package;
    submodules are reached as attributes too.
    """
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str):
        if name in exports:
            value = getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
            namespace[name] = value
            return value
        # A submodule (`sortition.legacy`) is an attribute once imported, as usual.
        try:
            return importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{package}.{name}":
                raise
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports})

    return __getattr__, __dir__, sorted(exports)
