"""The architecture's floors, enforced by reading every import (ARCHITECTURE.md, "Layers").

A module imports only from its own room or from rooms on lower floors: cli 6; ingest, admin, context 5;
review, report 4; views 3; store, fetch 2 (not each other); text, clock, canonical_json, errors, errors_map,
config 1. Lazy imports inside functions count too (they run, just later), TYPE_CHECKING-only ones do not.
There is no circle between modules, migrations import nothing above the store, the CLI never opens a
transaction (`store.read()`/`store.write()`) nor touches SQLAlchemy, and the benchmarks need no
`sys.modules` aliasing.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "claimtrack"
FLOORS = {
    "cli": 6,
    "ingest": 5, "admin": 5, "context": 5,
    "review": 4, "report": 4,
    "views": 3,
    "store": 2, "fetch": 2,
    "text": 1, "clock": 1, "canonical_json": 1, "errors": 1, "errors_map": 1, "config": 1, "__init__": 1,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:`."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            lines |= {n.lineno for child in node.body for n in ast.walk(child) if hasattr(n, "lineno")}
    return lines


def imports_of(path: Path, package: str) -> set[str]:
    """Every claimtrack module `path` imports (a `from a import b` of a submodule names the submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    found = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("claimtrack")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("claimtrack"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules() else base)
    return found


def room(module: str) -> str:
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "__init__"
    return "cli" if name == "__main__" else name  # `python -m claimtrack` is the CLI's door


def graph() -> dict[str, set[str]]:
    result = {}
    for name, path in modules().items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        result[name] = {m for m in imports_of(path, package) if m != name}
    return result


def test_every_module_has_a_floor():
    assert sorted({room(m) for m in modules()} - set(FLOORS)) == []


def test_no_import_runs_up_a_floor_or_across_one():
    bad = []
    for module, imported in graph().items():
        for target in imported:
            a, b = room(module), room(target)
            if a == b or FLOORS[a] > FLOORS[b] or FLOORS[a] == FLOORS[b] == 1:
                continue
            bad.append(f"{module} (floor {FLOORS[a]}) imports {target} (floor {FLOORS[b]})")
    assert bad == []


def test_no_circles_between_modules():
    edges = graph()
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            # a package importing its own submodules (re-exports) is not a circle
            if len(component) > 1 and not _package_and_children(component):
                circles.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    assert circles == []


def _package_and_children(component: set[str]) -> bool:
    shortest = min(component, key=len)
    return all(m == shortest or m.startswith(shortest + ".") for m in component) and \
        modules()[shortest].name == "__init__.py"


def test_migrations_import_nothing_above_the_store():
    for path in (REPO / "migrations").rglob("*.py"):
        for target in imports_of(path, "migrations"):
            assert FLOORS[room(target)] <= 2, f"{path.name} imports {target}"


def test_the_cli_opens_no_transaction_and_knows_no_sql():
    for path in (PACKAGE / "cli").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("read", "write") and "store" in ast.unparse(node.func.value):
                raise AssertionError(f"{path.name}:{node.lineno}: {ast.unparse(node)} (call a use case instead)")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not any(n.split(".")[0] in ("sqlalchemy", "httpx") for n in names), \
                    f"{path.name}:{node.lineno} imports {names}"


def test_benchmarks_need_no_sys_modules_alias():
    for path in (REPO / "benchmarks").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses = [node.lineno for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and node.attr == "modules" and ast.unparse(node.value) == "sys"]
        assert uses == [], f"{path.name} touches sys.modules at line(s) {uses}"
