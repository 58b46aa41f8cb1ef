"""No import cycle between files of the application, imports inside functions included.

`lint-imports` keeps the layers between packages; inside one package, two files that import
each other (often hidden by an import inside a function) still tie them together. grimp
builds the graph of every import of every module, and each strongly connected component of
more than one module is a cycle.
"""

from __future__ import annotations

import grimp

PACKAGES = ("ccwg", "meetings", "engagements", "reports")


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm,
    without recursion), each sorted, in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            following = next(imported, None)
            if following is not None:
                if following not in index:
                    index[following] = low[following] = len(index)
                    stack.append(following)
                    on_stack.add(following)
                    found = graph.find_modules_directly_imported_by(following)
                    work.append((following, iter(sorted(found))))
                elif following in on_stack:
                    low[module] = min(low[module], index[following])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return sorted(cycles)


def ancestors(module: str) -> list[str]:
    """The packages a module is in: importing it runs each of their `__init__` first."""
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def with_package_imports(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """The graph with an import of each package whose `__init__` an import runs: importing
    `reports.assembly.engagement` from `reports.checks` runs `reports/assembly/__init__.py`,
    so a function of that `__init__` importing `reports.checks` closes a cycle, although no
    file names the other. A module's own packages are left out (they are running already)."""
    for importer in sorted(graph.modules):
        own = set(ancestors(importer))
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            for package in ancestors(imported):
                if package not in own and package in graph.modules:
                    graph.add_import(importer=importer, imported=package)
    return graph


def test_no_import_cycle_between_files():
    graph = with_package_imports(grimp.build_graph(*PACKAGES, cache_dir=None))
    cycles = import_cycles(graph)
    described = [
        " <-> ".join(cycle)
        + "".join(
            f"\n    {importer} -> {imported} (line "
            + ", ".join(
                str(d["line_number"])
                for d in graph.get_import_details(importer=importer, imported=imported)
            )
            + ")"
            for importer in cycle
            for imported in cycle
            if imported in graph.find_modules_directly_imported_by(importer)
        )
        for cycle in cycles
    ]
    assert not cycles, "Import cycles between files:\n" + "\n".join(described)


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "a.one", "a.two", "a.three", "a.alone"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.three")
    graph.add_import(importer="a.three", imported="a.one")
    graph.add_import(importer="a.alone", imported="a.one")
    assert import_cycles(graph) == [["a.one", "a.three", "a.two"]]


def test_importing_a_module_of_a_package_imports_the_package():
    graph = grimp.ImportGraph()
    for module in ("r", "r.asm", "r.asm.part", "r.checks"):
        graph.add_module(module)
    graph.add_import(importer="r.checks", imported="r.asm.part")  # runs r/asm/__init__.py
    graph.add_import(importer="r.asm", imported="r.checks")  # inside a function, say
    assert import_cycles(graph) == []
    assert import_cycles(with_package_imports(graph)) == [["r.asm", "r.checks"]]
