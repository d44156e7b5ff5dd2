"""Dependencies point one way: core never imports Qt; cli and ui never import each other."""

import ast
import pathlib
import subprocess
import sys

PKG = pathlib.Path(__file__).resolve().parents[1] / "kpps_desktop"


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_source_never_imports_qt():
    offenders = [
        str(p.relative_to(PKG)) for p in (PKG / "core").rglob("*.py")
        if any(n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for n in _imports(p))
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = [f"kpps_desktop.core.{p.stem}" for p in (PKG / "core").glob("*.py") if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_and_ui_do_not_import_each_other():
    cli = _imports(PKG / "cli.py")
    assert not any(n.startswith("kpps_desktop.ui") for n in cli)
    for p in (PKG / "ui").rglob("*.py"):
        assert "kpps_desktop.cli" not in _imports(p), p
