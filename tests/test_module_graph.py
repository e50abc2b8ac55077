"""The house: nbtools' modules import only downward (core → figures → panels),
no two modules import each other in a circle, and every module stays small.

Read from the source with ``ast`` (module-level imports only: an import inside
a function runs when it is called, not when the module loads).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "nbtools"
MAX_LINES = 260   # "about 250": one idea per module
FLOORS = {"core": 0, "figures": 1, "panels": 2}
UPPER = {"figures": ("matplotlib",), "panels": ("ipywidgets",)}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ("figures", "panels") else "core"


def imports(path: Path) -> set[str]:
    """Modules ``path`` imports at module level (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {m: {i for i in imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}


def test_floors_only_import_downward():
    wrong = []
    for module, path in MODULES.items():
        level = FLOORS[floor(module)]
        for target in imports(path):
            if target in MODULES and FLOORS[floor(target)] > level:
                wrong.append(f"{module} imports {target}")
            for upper, libraries in UPPER.items():
                if FLOORS[upper] > level and target.split(".")[0] in libraries:
                    wrong.append(f"{module} ({floor(module)}) imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_circles():
    """Module-level imports between nbtools' own modules form no cycle
    (a package's ``__init__`` importing its own submodules is not one)."""
    def edges(module):
        return {t for t in GRAPH[module] if not module.startswith(t + ".") and t != module}

    state, cycles = {}, []

    def visit(module, stack):
        state[module] = "open"
        for target in sorted(edges(module)):
            if state.get(target) == "open":
                cycles.append(" -> ".join(stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target, stack + [target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_every_module_is_small():
    large = {m: n for m, p in MODULES.items()
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not large, large
