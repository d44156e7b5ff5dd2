"""#21: a KPU's (and PPK's) absentees grouped by kecamatan and desa with their counts, on the screen (a tree
opened with real key presses) and in the XLSX sheet 'Tidak hadir', on Jepara built through real handover files."""

import shutil
from collections import Counter

import openpyxl
import pytest
from PySide6.QtCore import Qt

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import recap, wilayah
from kpps_desktop.ui.recap_view import RecapView

from kabupaten import KARIMUNJAWA, build


@pytest.fixture(scope="module")
def kab(tmp_path_factory):
    return build(tmp_path_factory.mktemp("jepara"))


@pytest.fixture
def kpu_file(kab, db_path):
    shutil.copyfile(kab.path, db_path)
    return db_path


@pytest.fixture
def view(qtbot, kpu_file, runner):
    v = RecapView(runner, kpu_file)
    qtbot.addWidget(v)
    with qtbot.waitSignal(v.loaded, timeout=20000):
        pass
    v.resize(1366, 700)
    v.show()
    v.tabs.setCurrentIndex(1)
    return v


def truth(db_path):
    with dbmod.opened(db_path) as db:
        gone = recap.absentees(db)
    return gone, Counter(a["desa"][:8] for a in gone), Counter(a["desa"] for a in gone)


def test_kpu_reads_absentees_by_kecamatan_and_desa(qtbot, view, kpu_file):
    gone, by_kec, by_desa = truth(kpu_file)
    panel, model, tree = view.absent_panel, view.absent_panel.tree_model, view.absent_panel.tree
    assert panel.grouped and tree.isVisible() and not panel.table.isVisible()
    assert view.makeup.isHidden()  # a susulan is the PPS's to arrange, not the KPU's
    assert panel.model.rowCount() == 0 and view.checked_absentees() == []  # the flat list is not filled too
    assert f"({len(gone)})" in view.tabs.tabText(1)
    # One bold row per kecamatan with absentees, in code order, each with its count; Karimunjawa sent nothing.
    tops = [model.index(r, 0) for r in range(model.rowCount())]
    assert [model.group(i).kode for i in tops] == sorted(by_kec) and KARIMUNJAWA not in by_kec
    assert [i.data() for i in tops] == [wilayah.name(k) for k in sorted(by_kec)]
    for i in tops:
        g = model.group(i)
        assert g.count == by_kec[g.kode] and model.index(i.row(), 1).data().startswith(f"{g.count:,} (".replace(",", "."))
        assert i.data(Qt.ItemDataRole.FontRole).bold()
    assert sum(model.group(i).count for i in tops) == len(gone) > 100
    # Collapsed at first (16 kecamatan); opened and closed from the keyboard.
    first = tops[0]
    assert not tree.isExpanded(first)
    tree.setFocus()
    tree.setCurrentIndex(first)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(first)
    desas = [model.index(r, 0, first) for r in range(model.rowCount(first))]
    assert {model.group(d).kode: model.group(d).count for d in desas} == {
        d: n for d, n in by_desa.items() if d.startswith(model.group(first).kode + ".")}
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # onto the first desa, then open it
    assert tree.currentIndex() == desas[0]
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(desas[0])
    names = [model.index(r, 0, desas[0]) for r in range(model.rowCount(desas[0]))]
    assert len(names) == model.group(desas[0]).count
    assert {model.absentee(n)["desa"] for n in names} == {model.group(desas[0]).kode}
    assert model.index(0, 4, desas[0]).data() in ("Tidak hadir", "Izin", "Sakit", "Belum tercatat")
    tree.setCurrentIndex(first)
    qtbot.keyClick(tree, Qt.Key.Key_Left)
    assert not tree.isExpanded(first)


def test_kpu_xlsx_absentee_sheet_is_grouped_with_counts(qtbot, view, kpu_file, tmp_path):
    gone, by_kec, by_desa = truth(kpu_file)
    out = tmp_path / "rekap.xlsx"
    with qtbot.waitSignal(view.exported, timeout=30000):
        view.export("xlsx", out)
    ws = openpyxl.load_workbook(out)["Tidak hadir"]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "Kecamatan")
    assert rows[head][-1] == "Jumlah"
    kec_rows = {}
    desa_rows = {}
    names = 0
    for n, r in enumerate(rows[head + 1:], head + 2):
        level = ws.row_dimensions[n].outline_level
        if r[0] == "Jumlah":
            assert r[-1].startswith(f"{len(gone):,}".replace(",", ".") + " (")
            break
        if level == 0:
            kec_rows[r[0]] = r[-1]
            assert ws.cell(row=n, column=1).font.bold and not r[1]
        elif level == 1:
            desa_rows[(r[0], r[1])] = r[-1]
            assert ws.cell(row=n, column=2).font.bold
        else:
            assert level == 2 and r[3] and r[0] and r[1] and not r[-1]
            names += 1
    assert names == len(gone)
    assert {k: int(v.split(" ")[0].replace(".", "")) for k, v in kec_rows.items()} == {
        wilayah.name(k): n for k, n in by_kec.items()}
    assert {k: int(v.split(" ")[0].replace(".", "")) for k, v in desa_rows.items()} == {
        (wilayah.name(d[:8]), wilayah.name(d)): n for d, n in by_desa.items()}
    assert not ws.sheet_properties.outlinePr.summaryBelow
