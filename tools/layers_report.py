"""How the import graph stands against the house's layers: upward imports (by kind of module)
and import cycles (between modules, and between the domain packages). Run: python tools/layers_report.py"""

import sys

import grimp

GROUND = {"db", "errors", "config", "clock", "http", "schemas", "kit"}
TOP = {"app", "cli", "timers", "live", "console", "models", "migrations", "web", "__main__"}
KINDS = {
    "models": 1,
    "schemas": 1,
    "rules": 1,
    "hours": 1,
    "principal": 1,
    "access": 1,
    "repository": 2,
    "endpoints": 4,
    "dependencies": 4,
}


def level(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return 0  # the root package: its version
    if parts[1] in GROUND:
        return 0
    if parts[1] in TOP:
        return 5
    return KINDS.get(parts[2], 3) if len(parts) > 2 else 3


def cycles(nodes: set[str], edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    adj: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        adj[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in adj[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for n in sorted(nodes):
        if n not in index:
            visit(n)
    return out


def main() -> None:
    graph = grimp.build_graph("rota")
    modules = {m for m in graph.modules if not m.startswith("rota.db.migrations.versions")}
    edges = {(m, i) for m in modules for i in graph.find_modules_directly_imported_by(m) if i in modules}
    upward = sorted((a, b) for a, b in edges if level(a) < level(b))
    print(f"upward imports: {len(upward)}")
    for a, b in upward:
        print(f"  {a} -> {b}")
    module_cycles = cycles(modules, edges)
    print(f"module cycles: {len(module_cycles)}")
    for c in module_cycles:
        print("  " + ", ".join(c))
    package = {m.split(".")[1] for m in modules if m.count(".") >= 1}
    domains = {p for p in package if p not in GROUND | TOP}
    for label, keep in (
        ("domain packages", lambda m: True),
        ("domain packages, endpoints aside", lambda m: not m.endswith(".endpoints")),
    ):
        sub = {
            (a.split(".")[1], b.split(".")[1])
            for a, b in edges
            if keep(a) and a.count(".") and b.count(".") and a.split(".")[1] != b.split(".")[1]
        }
        sub = {(a, b) for a, b in sub if a in domains and b in domains}
        found = cycles(domains, sub)
        print(f"{label}: {len(found)} cycle(s)" + "".join(f"\n  {', '.join(c)}" for c in found))


if __name__ == "__main__":
    main()
