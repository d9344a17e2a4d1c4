"""Print the import cycles between the packages of `concerto` (issue 20).

Two packages are in a cycle when each reaches the other through direct imports, counted
package-wide (any module of one importing any module of the other). The strongly connected
components of that graph are the cycles; a layered codebase has none. Then, for each
package of a component, the packages of the same component it imports and by which
modules: the edges a change could cut.

    uv run python scripts/domain_cycles.py
"""

import sys

import grimp


def package_graph() -> tuple[grimp.ImportGraph, dict[str, set[str]]]:
    graph = grimp.build_graph("concerto")
    packages = sorted({module.split(".")[1] for module in graph.modules if module.count(".") >= 1})
    packages = [name for name in packages if graph.find_children(f"concerto.{name}")]
    edges = {
        name: {
            other
            for other in packages
            if other != name
            and graph.direct_import_exists(
                importer=f"concerto.{name}", imported=f"concerto.{other}", as_packages=True
            )
        }
        for name in packages
    }
    return graph, edges


def components(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, largest first."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted((c for c in found if len(c) > 1), key=len, reverse=True)


def main() -> int:
    graph, edges = package_graph()
    cycles = components(edges)
    if not cycles:
        print("No import cycle between the packages of concerto.")
        return 0
    for component in cycles:
        print(f"{len(component)} packages in one cycle: {', '.join(component)}")
        for name in component:
            for other in sorted(edges[name] & set(component)):
                imports = graph.find_matching_direct_imports(
                    import_expression=f"concerto.{name}.** -> concerto.{other}.**"
                )
                importers = sorted({line["importer"] for line in imports})
                print(f"  {name} -> {other}: {', '.join(importers) or f'concerto.{name}'}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
