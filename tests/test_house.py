"""The house rules a newcomer can rely on (checked here and, for the layers, by
`lint-imports` in `.ci/run`): no module under src/ over 500 lines (the demo's fictional
texts aside), no function over 80 lines, every app in the layer contract, and no import
cycle between apps, counting imports inside functions."""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "vangnet"
MODULE_LINES = 500
FUNCTION_LINES = 80
#: Fictional texts, not code.
EXEMPT = {PACKAGE / "demo" / "data.py"}


def source_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and path not in EXEMPT
    )


def apps() -> set[str]:
    return {path.parent.name for path in PACKAGE.glob("*/apps.py")}


def test_no_module_is_over_500_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for path in source_files()
        if (count := len(path.read_text().splitlines())) > MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_80_lines():
    long = {}
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    assert long == {}


def test_every_app_is_in_the_layer_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    named = {
        module.strip().removeprefix("vangnet.")
        for layer in contract["layers"]
        for module in layer.split("|")
    }
    assert named == apps()


def imports_between_apps() -> dict[str, set[str]]:
    """app -> the other apps it imports, at any depth (inside functions too)."""
    found: dict[str, set[str]] = {app: set() for app in apps()}
    for path in source_files():
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] not in found:
            continue
        app = parts[0]
        package = ["vangnet", *parts[:-1]]
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    names = [".".join(base + ([node.module] if node.module else []))]
                else:
                    names = [node.module or ""]
            for name in names:
                target = name.split(".")
                inside = target[0] == "vangnet" and len(target) > 1 and target[1] in found
                if inside and target[1] != app:
                    found[app].add(target[1])
    return found


def test_no_import_cycle_between_apps():
    graph = imports_between_apps()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start]:
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                if reaches(nxt, goal, seen):
                    return True
        return False

    cycles = sorted(app for app in graph if reaches(app, app, set()))
    assert cycles == []
