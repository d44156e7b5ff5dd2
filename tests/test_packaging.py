"""build.spec (read with stand-ins for PyInstaller's build steps) and the self-test the built app runs."""

import ast
import pathlib
import re
import shutil
import subprocess
import sys
import types

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"


class _Step:
    """Records what the spec passes to Analysis/PYZ/EXE/COLLECT."""

    made: list = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.scripts = [("pyiboot01_bootstrap", "", "PYSOURCE"), ("__main__", "", "PYSOURCE"),
                        ("kpps", "", "PYSOURCE")]
        self.binaries, self.datas, self.pure = [], [], []
        _Step.made.append((type(self).__name__, self))


@pytest.fixture(scope="module")
def spec():
    """The spec run as PyInstaller runs it, with its build steps recorded instead of performed."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, includes=(): [("assets/x", "kpps_desktop/assets")]
    stubs = {"PyInstaller": types.ModuleType("PyInstaller"), "PyInstaller.utils": types.ModuleType("u"),
             "PyInstaller.utils.hooks": hooks}
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    _Step.made = []
    steps = {name: type(name, (_Step,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}
    namespace = {"SPECPATH": str(ROOT), "__name__": "__main__", **steps}
    try:
        exec(compile(SPEC.read_text(), str(SPEC), "exec"), namespace)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    namespace["made"] = list(_Step.made)
    return namespace


def _modules_used() -> set[str]:
    """Every module imported anywhere in kpps_desktop (including inside functions), by full name;
    `from PySide6 import QtGui` counts as PySide6.QtGui."""
    used = set()
    for path in (ROOT / "kpps_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                used |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                used |= {a.name for a in node.names}
    return used


def _qt_modules_used() -> set[str]:
    return {m for m in _modules_used() if m.startswith("PySide6.") and m.count(".") == 1}


def test_spec_builds_two_programs_in_one_folder(spec):
    kinds = [kind for kind, _ in spec["made"]]
    assert kinds == ["Analysis", "PYZ", "EXE", "EXE", "COLLECT"]
    analysis = spec["made"][0][1]
    assert [pathlib.Path(s).relative_to(ROOT).as_posix() for s in analysis.args[0]] == \
        ["kpps_desktop/__main__.py", "kpps_desktop/cli/kpps.py"]
    gui, cli = spec["made"][2][1], spec["made"][3][1]
    assert (gui.kwargs["name"], gui.kwargs["console"]) == ("PresensiKPPS", False)
    assert (cli.kwargs["name"], cli.kwargs["console"]) == ("kpps", True)
    # Each program runs the bootstrap plus its own entry script only.
    assert [s[0] for s in gui.args[1]] == ["pyiboot01_bootstrap", "__main__"]
    assert [s[0] for s in cli.args[1]] == ["pyiboot01_bootstrap", "kpps"]
    assert spec["made"][4][1].kwargs["name"] == "PresensiKPPS"
    assert spec["VERSION"] == __import__("kpps_desktop").__version__
    for icon in ("presensi-kpps.ico", "presensi-kpps.png"):
        assert (ROOT / "resources" / icon).stat().st_size > 1000
    datas = analysis.kwargs["datas"]
    assert ("assets/x", "kpps_desktop/assets") in datas
    assert all(pathlib.Path(src).is_file() for src, dest in datas if dest == "licenses")


def test_spec_excludes_the_qt_modules_the_app_does_not_use(spec):
    excludes = set(spec["EXCLUDES"])
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore",
            "PySide6.QtBluetooth", "PySide6.QtDesigner", "PySide6.QtCharts"} <= excludes
    used = _qt_modules_used()
    assert {"PySide6.QtWidgets", "PySide6.QtPdf", "PySide6.QtMultimedia"} <= used
    assert not used & excludes, "an excluded Qt module is imported by the app; update build.spec"
    assert not {"pytest", "hypothesis", "pypdf"} - excludes  # test tools stay out


def test_the_app_imports_nothing_the_spec_leaves_out(spec):
    """An excluded module (or a submodule of one) imported by the app would fail only in the packaged build."""
    excludes = set(spec["EXCLUDES"])
    assert {"cryptography", "_hashlib", "asyncio", "PIL._imagingft", "PIL.WebPImagePlugin"} <= excludes
    used = _modules_used()
    assert {"nacl.bindings", "hashlib", "PIL.Image"} <= used
    left_out = sorted(m for m in used if any(m == e or m.startswith(e + ".") for e in excludes))
    assert not left_out, f"imported by the app but left out of the build: {left_out}; update build.spec"


@pytest.mark.parametrize("dest, dropped", [
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/translations/qtbase_de.qm", True),  # Windows layout
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/plugins/imageformats/qtiff.dll", True),
    ("PySide6/Qt6WebEngineCore.dll", True),
    ("PySide6/opengl32sw.dll", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", True),
    ("PySide6/Qt/plugins/wayland-graphics-integration-client/libdmabuf-server.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
    ("PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", False),
    ("PySide6/plugins/platforms/qdirect2d.dll", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6/Qt6Multimedia.dll", False),
    ("kpps_desktop/assets/wilayah.csv", False),
])
def test_spec_drops_only_unused_qt_files(spec, dest, dropped):
    assert (spec["_keep"]([(dest, "src", "DATA")]) == []) == dropped


def _linked(path: str) -> dict[str, str]:
    """ldd's answer: every library the system would load for path (the closure), name -> file."""
    out = subprocess.run(["ldd", path], capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"^\s*(\S+) => (/\S+)", out, re.M))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the host libraries are a Linux matter")
def test_host_libraries_and_what_only_they_need_stay_out(spec):
    """What PyInstaller would copy for Qt Multimedia and the CUPS print plugin, through the spec's filter."""
    import PySide6

    qt = pathlib.Path(PySide6.__file__).parent / "Qt"
    ours = [("PySide6/Qt/lib/libQt6Multimedia.so.6", str(qt / "lib" / "libQt6Multimedia.so.6"), "BINARY"),
            ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
             str(qt / "plugins" / "printsupport" / "libcupsprintersupport.so"), "BINARY")]
    system = {}
    for _dest, src, _kind in list(ours):
        for name, path in _linked(src).items():
            if str(qt) in path:  # Qt's own libraries that these link (Network, Core, ...)
                ours.append((f"PySide6/Qt/lib/{name}", path, "BINARY"))
            elif not name.startswith(("libc.so", "libm.so", "libpthread", "libdl.so", "librt.so")):
                system[name] = path
    if not {"libpulse.so.0", "libcups.so.2", "libgssapi_krb5.so.2"} <= set(system):
        pytest.skip("this machine lacks the libraries the check is about")
    kept = spec["_drop_orphans"](ours + [(name, path, "BINARY") for name, path in system.items()])
    names = {dest for dest, _src, _kind in kept}
    assert {dest for dest, _src, _kind in ours} <= names  # Qt's own files are never candidates
    assert not names & spec["HOST_LIBS"]
    # libcups' TLS stack and libpulse's sound-file codecs went with them...
    assert not names & {"libgnutls.so.30", "libsndfile.so.1", "libsystemd.so.0"}
    # ...what Qt links itself, and is not on every desktop, stays (Kerberos for QtNetwork).
    assert {"libgssapi_krb5.so.2", "libkrb5.so.3"} <= names
    # Every library kept is linked directly by something kept.
    needed = set().union(*(spec["_needed"](src) for _dest, src, _kind in kept))
    assert all(dest in needed for dest in names if "/" not in dest)


def test_build_script_runs_the_built_binaries():
    script = (ROOT / ".ci" / "build-app").read_text()
    assert "build.spec" in script
    assert re.search(r'"\$app/kpps" --version', script) and re.search(r'"\$app/kpps" self-test', script)
    assert "QT_QPA_PLATFORM=offscreen" in script
    assert "--encrypt-to kpu" in script and "roster photos" in script  # PyNaCl and Pillow, packaged


def _kpps(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "kpps_desktop.cli", *args], capture_output=True, text=True,
                          timeout=300, **kwargs)


def test_self_test_passes(tmp_path):
    """The same self-test .ci/build-app runs with the packaged `kpps`."""
    result = _kpps("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "OK modul", "OK aset", "OK database", "OK data demo", "OK kartu PDF", "OK QR kartu", "OK presensi", "OK cadangan",
        "OK uji mandiri selesai"]


def test_self_test_names_a_missing_asset(tmp_path, monkeypatch):
    from kpps_desktop import assets, selftest

    shutil.copytree(assets.FOLDER, tmp_path / "assets")
    (tmp_path / "assets" / "i18n" / "qt_id.qm").unlink()
    (tmp_path / "assets" / "guide" / "en" / "pintasan.html").unlink()  # the app would fall back to Indonesian
    monkeypatch.setattr(assets, "FOLDER", tmp_path / "assets")
    lines: list[str] = []
    assert selftest.run(report=lines.append) is False
    assert lines[-1].startswith("GAGAL aset") and "i18n/qt_id.qm, guide/en/pintasan.html" in lines[-1]
    assert not any(line.startswith("OK database") for line in lines)  # stopped before touching anything


def test_self_test_refuses_an_existing_database_and_leaves_it_alone(db_path):
    db_path.write_bytes(b"data milik pengguna")
    result = _kpps("self-test", "--db", str(db_path))
    assert result.returncode == 1
    assert result.stdout.startswith("GAGAL database") and "sudah ada" in result.stdout
    assert db_path.read_bytes() == b"data milik pengguna"
