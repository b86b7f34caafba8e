"""The shape of the package: no import cycles inside `explorer/`, and each layer imports
only what it may (the model no Textual, spaCy or YAML; the annotator no Textual; the TUI
no spaCy).

Imports are read from the source (every `import` statement anywhere in a module,
inside functions and `if TYPE_CHECKING:` blocks too), so a lazy import that closes a
cycle counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "explorer"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_names(path: Path) -> set[str]:
    """Every module name the module at `path` imports, anywhere in it (relative imports resolved)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return names_imported_by(path.read_text(encoding="utf-8"), package)


def names_imported_by(source: str, package: str) -> set[str]:
    """Every module name `source` (a module of `package`) imports, anywhere in it."""
    tree = ast.parse(source)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def internal_edges() -> dict[str, set[str]]:
    """Module -> the modules of `explorer` it imports (a name imported from a module is
    that module; a submodule imported from a package is the submodule)."""
    return {name: {imported for imported in imported_names(path) if imported in MODULES and imported != name}
            for name, path in MODULES.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm,
    iterative so that a deep chain cannot exhaust the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle_and_a_lazy_import_counts() -> None:
    """The guard itself: a cycle is found, and so are imports inside functions, under
    TYPE_CHECKING and relative ones."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from explorer.cli import main\n"
              "def f():\n    from explorer.tui.app import make_app\nfrom . import keys\n")
    assert {"explorer.cli", "explorer.tui.app", "explorer.tui.keys"} <= names_imported_by(source, "explorer.tui")


def test_no_import_cycles_inside_the_package() -> None:
    assert cycles(internal_edges()) == []


#: Module prefix -> top-level packages it must never import.
FORBIDDEN = {
    "explorer.model": ("textual", "spacy", "yaml", "ruamel", "explorer.tui", "explorer.annotate"),
    "explorer.edits": ("textual", "spacy", "yaml", "ruamel", "explorer.tui", "explorer.annotate"),
    "explorer.review": ("textual", "spacy", "yaml", "ruamel", "explorer.tui", "explorer.annotate"),
    "explorer.annotate": ("textual", "explorer.tui"),
    "explorer.storyfile": ("textual", "spacy", "explorer.tui", "explorer.annotate"),
    "explorer.tui": ("spacy", "thinc"),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_it_may(layer: str) -> None:
    broken = sorted(
        f"{name} imports {imported}"
        for name, path in MODULES.items()
        if name == layer or name.startswith(layer + ".")
        for imported in imported_names(path)
        if any(imported == banned or imported.startswith(banned + ".") for banned in FORBIDDEN[layer])
    )
    assert broken == []
