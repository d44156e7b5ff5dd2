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
    for p in (PKG / "cli").rglob("*.py"):
        assert not any(n.startswith("kpps_desktop.ui") for n in _imports(p)), p
    for p in (PKG / "ui").rglob("*.py"):
        assert "kpps_desktop.cli" not in _imports(p), p


def _loaded_after(code: str, tmp_path, prefixes: tuple[str, ...]) -> list[str]:
    """Run `code` in a fresh interpreter (a scratch database, offscreen Qt); which modules with
    these prefixes did it load?"""
    import os

    env = dict(os.environ, KPPS_DB=str(tmp_path / "arch.sqlite"), QT_QPA_PLATFORM="offscreen")
    code += f"\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    return eval(out.stdout.strip().splitlines()[-1])


def test_cli_commands_that_only_read_load_no_qt(tmp_path):
    code = ("from kpps_desktop import cli\n"
            "assert cli.main(['init', '--role', 'pps', '--wilayah', '33.20.01.2001']) == 0\n"
            "assert cli.main(['roster', 'list', '--json']) == 0\n"
            "assert cli.main(['wilayah', '33.20', '--json']) == 0\n")
    assert _loaded_after(code, tmp_path, ("PySide6", "shiboken6")) == []


def test_self_test_loads_no_widgets(tmp_path):
    """The self-test draws and reads back a card (QtGui, QtPdf) but is a CLI command: no QtWidgets."""
    code = ("from kpps_desktop import cli\n"
            f"assert cli.main(['self-test', '--db', {str(tmp_path / 'self.sqlite')!r}]) == 0\n")
    assert _loaded_after(code, tmp_path, ("PySide6.QtWidgets", "kpps_desktop.ui")) == []


def test_render_modules_load_no_widgets(tmp_path):
    modules = [f"kpps_desktop.render.{p.stem}" for p in (PKG / "render").glob("*.py") if p.stem != "__init__"]
    code = f"import importlib\nfor m in {modules!r}: importlib.import_module(m)\n"
    assert _loaded_after(code, tmp_path, ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "kpps_desktop.ui")) == []


def _tool(name: str) -> str:
    path = pathlib.Path(sys.executable).parent / name
    assert path.exists(), f"{name} is in the test extras: pip install -e '.[test]'"
    return str(path)


def test_the_layers_contracts_hold():
    """import-linter's contracts in pyproject.toml (indirect imports too); also run by .ci/run."""
    root = PKG.parent
    out = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=root, capture_output=True, text=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(root)}, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def test_ruff_finds_nothing():
    """The linter's rules in pyproject.toml; in the suite so that a red lint shows before landing."""
    out = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=PKG.parent, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:]


# A room small enough to hold in one's head (#16): split a module along a real seam before it
# grows past this (ui/handover_view.py, the last one over, is now split).
MAX_MODULE_LINES = 700


def test_no_module_is_longer_than_700_lines():
    long = {p.relative_to(PKG).as_posix(): n for p in PKG.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}
