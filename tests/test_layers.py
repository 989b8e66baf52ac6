"""Each layer imports only the layers below it (the module docstrings say which)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mutsup_helpers"
SHARED = {"paths", "memo", "cache"}  # infrastructure every layer may use
ALLOWED = {
    "paper": set(),
    "data": {"paper"},
    "stats": {"paper", "data"},
    "checks": {"paper"},
    "compare": {"paper", "data", "stats", "checks"},
    "views": {"paper", "data", "stats", "checks", "compare", "worlds", "fieldwork"},
    "reconstruct": {"paper", "data", "checks"},
    "fieldwork": {"paper", "data"},
    "worlds": {"paper", "data", "stats", "checks", "compare", "reconstruct"},
}


def _imported_layers(path: Path) -> set[str]:
    """Top-level package parts a module imports (relative imports resolved against its folder)."""
    here = path.relative_to(PACKAGE).parts[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - (node.level - 1)])
                parts = base + (node.module.split(".") if node.module else [])
                if not node.module:  # from . import x, from .. import y
                    parts = base + [alias.name for alias in node.names][:1]
            elif node.module and node.module.startswith("mutsup_helpers"):
                parts = node.module.split(".")[1:]
            else:
                continue
            if parts:
                out.add(parts[0])
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("mutsup_helpers.")}
    return out


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_below_it(layer):
    for path in sorted((PACKAGE / layer).glob("*.py")):
        imported = _imported_layers(path) - {layer} - SHARED
        assert imported <= ALLOWED[layer], f"{path.name} imports {sorted(imported - ALLOWED[layer])}"


def test_every_module_of_a_layer_says_what_it_is():
    for layer in ALLOWED:
        for path in sorted((PACKAGE / layer).glob("*.py")):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc, f"{layer}/{path.name} has no docstring"
