"""Windows that fit the laptops' screens (issue #20 finding 4, issue #17 finding 6): the main window
and every dialog at 1366×728 (1366×768 less a 40 px taskbar) and 1280×690 (1920×1080 at 150 %)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kpps_desktop.core import demo
from kpps_desktop.ui import screen
from kpps_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
DIALOGS = ("about", "audit", "backup", "daring", "first_run", "guide", "import", "officer", "retention", "scan_log",
           "session", "settings")


def probe(tmp_path, width, height):
    """Open every window on an offscreen screen of width×height logical pixels (its own process)."""
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "helpers" / "small_screen_probe.py"),
                             str(tmp_path / "presensi.sqlite")], capture_output=True, text=True, env=env,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _fits(found: dict, width: int, height: int) -> bool:
    """The window with its frame inside the screen, and its layout able to shrink that far."""
    return (found["x"] >= 0 and found["y"] >= 0
            and found["x"] + found["w"] + screen.FRAME_W <= width
            and found["y"] + found["h"] + screen.FRAME_H <= height
            and found["min_w"] + screen.FRAME_W <= width and found["min_h"] + screen.FRAME_H <= height)


@pytest.mark.parametrize("width, height", [(1366, 728), (1280, 690)])
def test_every_window_fits_a_laptop_screen_less_its_taskbar(tmp_path, width, height):
    found = probe(tmp_path, width, height)
    assert found["area"] == [width, height]
    # The main window opens maximised, so its status bar is on the screen, on every tab.
    assert found["main_state"]["maximized"]
    for tab in ("roster", "checkin", "print", "recap", "handover"):
        main = found[f"main:{tab}"]
        assert main["w"] <= width and main["h"] <= height, tab
        assert main["min_w"] + screen.FRAME_W <= width and main["min_h"] + screen.FRAME_H <= height, tab
        assert main["status_visible"] and main["status_bottom"] < main["h"], tab
    for name in DIALOGS:
        assert _fits(found[name], width, height), (name, found[name])
    # Closed maximised, it opens maximised again.
    assert found["main_closed_maximized"]
    again = probe(tmp_path, width, height)
    assert again["main_state"]["maximized"]


def test_dialogs_are_capped_on_a_1366x768_screen_at_125_percent(tmp_path):
    # 1366×768 at 125 % leaves 1093×582 logical pixels: the import (1000×620) and scan-log
    # (900×640) dialogs would run off the bottom.
    found = probe(tmp_path, 1093, 582)
    for name in DIALOGS:
        assert _fits(found[name], 1093, 582), (name, found[name])
    assert found["import"]["h"] < 620 and found["scan_log"]["h"] < 640


@pytest.fixture
def demo_db(db):
    demo.generate(db, "33.20.01.2001")
    return db


def test_main_window_remembers_its_size_and_state(qtbot, demo_db, runner, db_path):
    first = MainWindow(demo_db, runner, db_path)
    qtbot.addWidget(first)
    first.show()
    assert first.isMaximized()  # the test screen (800×800) is smaller than 1280×720 with a frame
    first.showNormal()
    first.resize(first.minimumSizeHint().width(), 500)
    size = (first.width(), first.height())
    first.close()
    assert (db_path.parent / screen.STATE_FILE).is_file()
    second = MainWindow(demo_db, runner, db_path)
    qtbot.addWidget(second)
    second.show()
    assert not second.isMaximized()
    assert second.height() == size[1]
    second.close()


def test_save_dialogs_start_in_documents_then_the_folder_used_last(tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    monkeypatch.setattr(screen, "_last_folder", None)
    expected = documents if documents.is_dir() else Path.home()
    assert Path(screen.save_start("rekap.xlsx")) == expected / "rekap.xlsx"
    folder = tmp_path / "ekspor"
    folder.mkdir()
    screen.remember_folder(folder / "rekap-desa.xlsx")
    assert Path(screen.save_start("kartu.pdf")) == folder / "kartu.pdf"
    assert Path(screen.save_start("kartu.pdf")).parent != Path.cwd()
