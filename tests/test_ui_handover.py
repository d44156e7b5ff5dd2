"""The handover screen with real widgets and real files: send with receipt, preview/trust/merge, status, refusals."""

import datetime as dt
import errno
import hashlib
import io
import shutil
import tempfile

import pypdf
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPlainTextEdit

from kpps_desktop.core import checkin, crypt, demo, drives, exchange, installation, paperwork, recap, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.render import receipt
from kpps_desktop.ui.handover_view import HandoverView

WIB = dt.timezone(dt.timedelta(hours=7))
KAB, KEDUNG, D1, D2 = "33.20", "33.20.01", "33.20.01.2001", "33.20.01.2002"
NOW = dt.datetime(2024, 11, 7, 14, 0, tzinfo=WIB)


def new_install(path, role, kode):
    db = dbmod.open_db(path)
    installation.init(db, role, kode)
    return db


def check_in(db, n):
    s = next(s for s in sessions.list_sessions(db) if s.kind == "pelantikan")
    for i, o in enumerate(sessions.expected_officers(db, s.id)[:n]):
        checkin.check_in_officer(db, s.id, o["id"], dt.datetime(2024, 11, 7, 7, 30 + i, tzinfo=WIB),
                                 "manual", "kartu tertinggal")


def full_dump(path):
    with dbmod.opened(path) as db:
        tables = [r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, db.conn.execute(f"SELECT * FROM [{t}]"))) for t in tables}


def pdf_text(path):
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def pdf_bytes_text(data):
    assert data.startswith(b"%PDF")
    return pdf_text(io.BytesIO(data))


@pytest.fixture
def kpu(tmp_path):
    db = new_install(tmp_path / "kpu.sqlite", "kpu", KAB)
    demo.generate(db, D1)
    demo.generate(db, D2)
    yield db
    db.close()


def pps_with_roster(kpu, path, desa, tmp_path, checked_in):
    down = exchange.export(kpu, tmp_path / f"down-{desa}.kpps", desa)
    pps = new_install(path, "pps", desa)
    # The desa compares the KPU's code with the berita acara that came with the roster: the KPU is
    # then established here, and a file up can be sealed for it (issue #12).
    assert exchange.import_file(pps, down.path, code=down.fingerprint).ok
    check_in(pps, checked_in)
    return pps


@pytest.fixture
def pps_side(kpu, db_path, tmp_path):
    """The view's database is PPS Kedungmalang with its roster from the KPU and 3 check-ins."""
    pps_with_roster(kpu, db_path, D1, tmp_path, 3).close()
    return kpu


@pytest.fixture
def ppk_side(kpu, db_path, tmp_path):
    """The view's database is PPK Kedung (fresh); two desa files wait on a stick, plus a damaged one."""
    stick = tmp_path / "stick"
    stick.mkdir()
    files = []
    for desa, n in ((D1, 3), (D2, 4)):
        pps = pps_with_roster(kpu, tmp_path / f"pps-{desa}.sqlite", desa, tmp_path, n)
        files.append(exchange.export(pps, stick / f"up-{desa}.kpps").path)
        pps.close()
    bad = stick / "rusak.kpps"
    bad.write_bytes(files[0].read_bytes()[:-100])
    new_install(db_path, "ppk", KEDUNG).close()
    return files, bad


def make_view(qtbot, runner, db_path, **kw):
    kw.setdefault("drive_source", lambda: [])
    view = HandoverView(runner, db_path, clock=lambda: NOW, **kw)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        pass
    view.resize(1366, 700)
    view.show()
    return view


# --- sending --------------------------------------------------------------------------------

def test_export_to_a_folder_shows_receipt_with_counts_hash_pdf_and_print(qtbot, pps_side, runner, db_path, tmp_path):
    view = make_view(qtbot, runner, db_path)
    assert view.send_page.file_name.text() == "presensi-pps-33.20.01.2001-20241107-1400.kpps"
    assert not view.send_page.scope.isEnabled() and view.send_page.scope_code() == D1
    # The PPS knows only the KPU's key (its roster came from there): the default is plain, and it says so.
    assert view.send_page.recipient() is None and "TIDAK terenkripsi" in view.send_page.encryption_note.text()
    assert not view.send_page.print_button.isEnabled()
    out = tmp_path / "out"
    out.mkdir()
    view.send_page.set_destination(out)
    assert view.send_page.destination() == out and view.send_page.send_button.isEnabled()
    with qtbot.waitSignals([view.exported, view.send_page.receipt_shown], timeout=20000):
        view.send_page.export_now()
    result = view.send_page.result
    written = out / "presensi-pps-33.20.01.2001-20241107-1400.kpps"
    digest = hashlib.sha256(written.read_bytes()).hexdigest()
    assert result.path == written and result.sha256 == digest
    with dbmod.opened(db_path) as db:
        officers = db.conn.execute("SELECT count(*) FROM officers").fetchone()[0]
    # On screen: the office form that prints (its counts, the file's name and full hash), the code large.
    text = pdf_bytes_text(view.send_page.receipt_view.pdf_bytes)
    assert digest[:32] in text and digest[32:] in text and written.name in text
    assert f"Petugas {officers}" in text and "Catatan presensi 3" in text
    shown = view.send_page.verification_code
    assert shown.isVisible() and shown.text() == result.fingerprint
    assert shown.font().pointSize() > view.font().pointSize()
    assert view.send_page.receipt_banner.isVisible() and "TIDAK terenkripsi" in view.send_page.receipt_banner.text()
    assert view.send_page.print_button.isEnabled() and view.send_page.pdf_button.isEnabled()

    with qtbot.waitSignal(view.send_page.receipt_saved, timeout=20000) as saved:
        view.send_page.save_receipt_pdf(tmp_path / "berita-acara.pdf")
    pdf = saved.args[0]
    text = pdf_text(pdf)
    for needle in ("BERITA ACARA SERAH TERIMA", digest[:32], digest[32:], "Sekretaris PPS Desa Kedungmalang",
                   "Yang menyerahkan", "Yang menerima", "TIDAK terenkripsi", result.fingerprint, written.name):
        assert needle in text, needle
    assert f"Petugas {officers}" in text and "Catatan presensi 3" in text

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(view.send_page.printed, timeout=20000) as printed:
        view.send_page.print_receipt(printer)
    assert printed.args == [1]
    assert len(pypdf.PdfReader(tmp_path / "printed.pdf").pages) == 1

    # Chosen by hand: encrypted for the KPU, which can open it.
    view.send_page.encryption.setCurrentIndex(next(i for i in range(view.send_page.encryption.count())
                                         if getattr(view.send_page.encryption.itemData(i), "role", None) == "kpu"))
    assert "hanya KPU Kabupaten Jepara" in view.send_page.encryption_note.text()
    view.send_page.file_name.setText("terenkripsi.kpps")
    with qtbot.waitSignal(view.exported, timeout=20000) as sent:
        view.send_page.export_now()
    sealed = out / "terenkripsi.kpps"
    assert crypt.is_encrypted(sealed.read_bytes()) and sent.args[0].encrypted_for.role == "kpu"
    assert "Terenkripsi untuk KPU Kabupaten Jepara" in view.send_page.receipt_banner.text()
    assert exchange.import_file(pps_side, sealed, trust_new=True).status == "imported"


def test_full_or_removed_drive_is_a_clear_error_and_leaves_nothing(qtbot, pps_side, runner, db_path, tmp_path,
                                                                   monkeypatch):
    view = make_view(qtbot, runner, db_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    view.send_page.set_destination(stick)
    stick.rmdir()  # pulled out after it was chosen
    with qtbot.waitSignal(view.failed) as failed:
        assert view.send_page.export_now() is None
    assert "dicabut" in failed.args[0] and view.message_box.isVisible()
    view.message_box.close()

    stick.mkdir()
    real = exchange.os.write

    def full(fd, data):
        if len(data) > 64:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(exchange.os, "write", full)
    with qtbot.waitSignal(view.failed) as failed:
        assert view.send_page.export_now() is not None  # started: the refusal comes from the job
    assert "penuh" in failed.args[0]
    assert list(stick.iterdir()) == []
    assert view.send_page.result is None and not view.send_page.print_button.isEnabled()


def test_drive_list_follows_sticks_being_plugged_in_and_out(qtbot, pps_side, runner, db_path, tmp_path):
    present: list[drives.Drive] = []
    view = make_view(qtbot, runner, db_path, drive_source=lambda: list(present), poll_ms=30)
    send = view.send_page
    assert send.drive_list.count() == 0 and send.no_drive.isVisible() and not send.send_button.isEnabled()
    present.append(drives.Drive("KPPS_USB", tmp_path, 3 * 2**30, 8 * 2**30))
    qtbot.waitUntil(lambda: view.send_page.drive_list.count() == 1, timeout=3000)
    assert send.destination() == tmp_path and send.send_button.isEnabled() and not send.no_drive.isVisible()
    assert "KPPS_USB" in view.send_page.drive_list.item(0).text() and "3,0 GB kosong" in view.send_page.drive_list.item(0).text()
    present.clear()
    qtbot.waitUntil(lambda: view.send_page.drive_list.count() == 0, timeout=3000)
    assert view.send_page.destination() is None and not view.send_page.send_button.isEnabled()


# --- receiving ------------------------------------------------------------------------------

def test_preview_trust_merge_and_status(qtbot, ppk_side, runner, db_path):
    (up1, up2), bad = ppk_side
    stick = drives.Drive("STICK", up1.parent, 2**30, 2**31)
    view = make_view(qtbot, runner, db_path, drive_source=lambda: [stick])
    before = full_dump(db_path)
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.receive_page.add_files([up1, up2, bad])
    assert full_dump(db_path) == before  # the preview wrote nothing
    assert [r.status for r in view.receive_page.reports] == ["preview", "preview", "refused"]
    cell = lambda row, col: view.receive_page.table.item(row, col).text()  # noqa: E731
    assert cell(0, view.receive_page.C_FILE) == up1.name and cell(0, view.receive_page.C_SENDER) == "PPS Kedungmalang"
    assert cell(1, view.receive_page.C_SENDER) == "PPS Kalianyar"
    for row, attended in ((0, 3), (1, 4)):
        r = view.receive_page.reports[row]
        assert r.counts["attendance"].new == attended and r.new_device
        assert cell(row, view.receive_page.C_NEW) == str(sum(c.new for c in r.counts.values()))
        assert cell(row, view.receive_page.C_DUP) == "0" and cell(row, view.receive_page.C_CONFLICT) == "0"
        assert r.fingerprint in cell(row, view.receive_page.C_NOTE)
    note = cell(2, view.receive_page.C_NOTE)
    assert note.startswith("DITOLAK:") and view.receive_page.reports[2].reason in note
    assert not view.receive_page.alarm.isVisible()

    # New devices: nothing merges until their fingerprints are confirmed.
    assert not view.receive_page.merge_button.isEnabled()
    view.receive_page.trust_boxes[0].setChecked(True)
    assert view.receive_page.merge_button.isEnabled() and "(1 berkas)" in view.receive_page.merge_button.text()
    view.receive_page.trust_boxes[1].setChecked(True)
    with qtbot.waitSignal(view.loaded, timeout=20000):  # the status re-read after the merge
        with qtbot.waitSignal(view.imported, timeout=20000) as merged:
            view.receive_page.merge()
    assert [r.path for r in merged.args[0]] == [up1, up2]
    assert all(r.status == "imported" for r in merged.args[0])
    assert cell(0, view.receive_page.C_NOTE).startswith("Digabungkan") and not view.receive_page.trust_boxes[0].isEnabled()
    assert not view.receive_page.merge_button.isEnabled()
    with dbmod.opened(db_path) as db:
        assert db.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == 7

    assert "2 dari 18 desa/kelurahan sudah mengirim" in view.status_summary.text()
    rows = {view.status_table.item(r, 0).text(): view.status_table.item(r, 2).text()
            for r in range(view.status_table.rowCount())}
    assert rows[D1] == rows[D2] == "Sudah mengirim" and rows["33.20.01.2003"] == "Belum pernah mengirim"
    assert len(rows) == 18

    # Again: a listed file is not listed twice; after clearing, it shows as already imported.
    view.receive_page.add_files([up1])
    assert view.receive_page.table.rowCount() == 3
    view.receive_page.clear_files()
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.receive_page.add_from_drives()  # every .kpps on the detected stick
    found = {r.path.name: r.status for r in view.receive_page.reports}
    assert found == {up1.name: "already", up2.name: "already", bad.name: "refused"}
    row = [r.path for r in view.receive_page.reports].index(up1)
    assert "Sudah pernah diimpor" in cell(row, view.receive_page.C_NOTE) and not view.receive_page.merge_button.isEnabled()


def test_ppk_can_send_one_desa_down_unencrypted_and_is_told_so(qtbot, ppk_side, runner, db_path, tmp_path):
    view = make_view(qtbot, runner, db_path)
    assert view.send_page.scope.isEnabled() and view.send_page.scope.count() == 1 + 18 and view.send_page.scope_code() == KEDUNG
    assert view.send_page.set_scope(D1)
    assert view.send_page.file_name.text() == f"presensi-ppk-{D1}-20241107-1400.kpps"
    assert view.send_page.recipient() is None and "wilayah di bawah" in view.send_page.encryption_note.text()
    view.send_page.set_destination(tmp_path)
    with qtbot.waitSignal(view.exported, timeout=20000) as sent:
        view.send_page.export_now()
    assert sent.args[0].scope == D1 and sent.args[0].counts["officers"] == 0  # the PPK holds no roster yet


def test_known_desa_with_a_different_key_is_a_loud_refusal(qtbot, ppk_side, runner, db_path, tmp_path):
    (up1, _), _ = ppk_side
    with dbmod.opened(db_path) as db:
        assert exchange.import_file(db, up1, trust_new=True).status == "imported"
    # An impostor: the desk's database copied, its signing key replaced.
    shutil.copy(tmp_path / f"pps-{D1}.sqlite", tmp_path / "palsu.sqlite")
    with dbmod.opened(tmp_path / "palsu.sqlite") as fake:
        key = Ed25519PrivateKey.generate()
        fake.conn.execute("UPDATE keys SET private_key = ?, public_key = ?",
                          (key.private_bytes_raw(), key.public_key().public_bytes_raw()))
        fake.conn.commit()
        check_in(fake, 5)
        forged = exchange.export(fake, tmp_path / "palsu.kpps").path
    view = make_view(qtbot, runner, db_path)
    before = full_dump(db_path)
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.receive_page.add_files([forged])
    assert view.receive_page.reports[0].status == "refused" and "PERINGATAN" in view.receive_page.reports[0].reason
    alarm = view.receive_page.alarm
    assert alarm.isVisible() and "palsu.kpps" in alarm.text() and "DITOLAK" in alarm.text()
    assert view.receive_page.trust_boxes[0] is None and not view.receive_page.merge_button.isEnabled()
    assert full_dump(db_path) == before


def test_drives_are_polled_off_the_gui_thread_and_only_while_the_screen_shows(qtbot, pps_side, runner, db_path,
                                                                              tmp_path):
    import threading

    calls: list[int] = []

    def source():
        calls.append(threading.get_ident())
        return [drives.Drive("KPPS_USB", tmp_path, 2**30, 2**31)]

    view = make_view(qtbot, runner, db_path, drive_source=source, poll_ms=20)
    qtbot.waitUntil(lambda: len(calls) >= 3, timeout=3000)
    gui = threading.get_ident()
    assert calls[0] == gui  # the listing when the screen is built
    assert all(ident != gui for ident in calls[1:])  # every poll after it: another thread
    view.hide()
    qtbot.wait(50)  # a look under way may still finish
    hidden = len(calls)
    qtbot.wait(200)  # ten intervals
    assert len(calls) == hidden and not view.poller.active
    view.show()  # looked at again: a look at once, then every interval
    qtbot.waitUntil(lambda: len(calls) >= hidden + 2, timeout=3000)
    assert view.send_page.drive_list.count() == 1


# --- the counts agree with the button, and a second add says at once (issue 17, finding 4) -------

def test_ready_count_matches_gabungkan_and_a_file_added_again_says_so_at_once(qtbot, ppk_side, runner, db_path):
    from PySide6.QtCore import Qt

    (up1, up2), bad = ppk_side
    view = make_view(qtbot, runner, db_path)
    assert view.receive_page.merge_button.toolTip() == "Belum ada berkas: pilih berkas atau ambil dari flashdisk."
    assert not view.send_page.pdf_button.isEnabled()
    assert view.send_page.pdf_button.toolTip() == "Berita acara ada setelah berkas dikirim dan diperiksa."
    send_button = view.send_page.send_button
    assert not send_button.isEnabled() and send_button.toolTip() == "Pilih flashdisk atau folder tujuan."
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.receive_page.add_files([up1, up2])
    # Two new senders: none is ready until trusted, and the screen does not say "2 siap" beside a dead button.
    assert not view.receive_page.merge_button.isEnabled()
    assert view.receive_page.summary.text().startswith("0 berkas siap digabungkan, 0 ditolak, 0 sudah pernah diimpor. "
                                          "2 berkas dari perangkat baru menunggu")
    assert view.receive_page.merge_button.toolTip().startswith(
        "2 berkas dari perangkat baru: centang \"Cocok dengan berita acara?\"")
    view.receive_page.trust_boxes[0].setFocus()
    qtbot.keyClick(view.receive_page.trust_boxes[0], Qt.Key.Key_Space)
    assert view.receive_page.merge_button.isEnabled() and view.receive_page.summary.text().startswith("1 berkas siap digabungkan")
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.receive_page.merge()
    view.receive_page.add_files([up1])  # the same file again, without clearing the list first
    assert view.receive_page.summary.text() == f"Sudah pernah diimpor: {up1.name}."
    assert view.receive_page.table.selectionModel().selectedRows()[0].row() == 0


def test_ppk_receiving_page_shows_which_desa_have_sent(qtbot, ppk_side, runner, db_path):
    view = make_view(qtbot, runner, db_path)
    view.show_receiving()
    assert view.tabs.currentIndex() == 1
    text = view.receive_page.receive_status.text()
    assert view.receive_page.receive_status.isVisible()
    assert text.startswith("0 dari 18 desa/kelurahan sudah mengirim. Belum: ") and ", dan 10 lainnya." in text


# --- the berita acara on screen (issue #14, finding 7) --------------------------------------

@pytest.fixture
def pps_with_absences(pps_side, db_path):
    """PPS Kedungmalang as in pps_side, plus two officers on izin and one sakit at the pelantikan."""
    with dbmod.opened(db_path) as db:
        s = next(s for s in sessions.list_sessions(db) if s.kind == "pelantikan")
        rest = sessions.expected_officers(db, s.id)[3:6]
        at = dt.datetime(2024, 11, 7, 8, 0, tzinfo=WIB)
        checkin.set_status(db, s.id, rest[0]["id"], "izin", "tugas kantor", at)
        checkin.set_status(db, s.id, rest[1]["id"], "izin", "acara keluarga", at)
        checkin.set_status(db, s.id, rest[2]["id"], "sakit", None, at)
        total = recap.recap(db, "desa", within=D1).total
    assert (total["izin"], total["sakit"]) == (2, 1)
    return total


def inked(image, threshold=100):
    """How many dark pixels an image holds (text and rules on a white page)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    row, width = grey.bytesPerLine(), grey.width()
    data = bytes(grey.constBits())
    pixels = b"".join(data[y * row: y * row + width] for y in range(grey.height()))
    return len(pixels) - len(pixels.translate(None, bytes(range(threshold))))


def send_to(qtbot, view, out, name=None):
    if name:
        view.send_page.file_name.setText(name)
    view.send_page.set_destination(out)
    with qtbot.waitSignals([view.exported, view.send_page.receipt_shown], timeout=20000):
        view.send_page.export_now()
    return view.send_page.result


def test_kirim_shows_the_office_form_that_prints_not_a_technical_log(qtbot, pps_with_absences, runner, db_path,
                                                                     tmp_path):
    view = make_view(qtbot, runner, db_path)
    send = view.send_page
    assert not send.receipt_view.showing_form() and "muncul di sini" in send.receipt_view.message.text()
    out = tmp_path / "out"
    out.mkdir()
    result = send_to(qtbot, view, out)
    assert send.receipt_view.showing_form() and send.receipt_view.document.pageCount() == 1
    text = pdf_bytes_text(send.receipt_view.pdf_bytes)
    for needle in ("BERITA ACARA SERAH TERIMA", "PIHAK PERTAMA", "PIHAK KEDUA", "Sekretaris PPS Desa Kedungmalang",
                   "Sekretaris PPK Kecamatan Kedung", f"Kode verifikasi : {result.fingerprint}", result.path.name,
                   "Yang menyerahkan", "Yang menerima"):
        assert needle in text, needle
    day, clock = receipt.local_time(result.created_at, WIB)  # Jepara's zone, in words and EYD time
    assert clock.endswith(" WIB") and f"Pada hari ini {day}, pukul {clock}," in text
    # Counts per status, as the recap has them (Indonesian digit grouping).
    for key, label in receipt.STATUS_ROWS:
        assert f"{label} {paperwork.ribuan(pps_with_absences[key])}" in text, label
    assert "Izin 2" in text and "Sakit 1" in text
    # Not the technical log it replaces: no UTC instant, no device id, no "Peserta sesi 0".
    assert "+00:00" not in text and result.created_at not in text and "Peserta sesi" not in text
    assert result.device_id not in text
    assert not send.findChildren(QPlainTextEdit)  # the old text box is gone from the screen

    # The page is drawn, and the view paints it fitted to the panel's width, readable at 1366×768.
    page = send.receipt_view.document.render(0, QSize(420, 594))
    assert inked(page) > 2000
    qtbot.waitUntil(lambda: inked(send.receipt_view.view.viewport().grab().toImage()) > 2000, timeout=5000)
    form = send.receipt_view.view
    px_per_pt = send.receipt_view.zoom() * form.logicalDpiX() / 72
    assert 595 * px_per_pt == pytest.approx(form.viewport().width() - 16, abs=2)  # A4 is 595 pt wide
    assert px_per_pt >= 1.0  # 10-pt body text at least 10 px high on a 1366-px screen

    # What Simpan PDF… writes is the same form.
    with qtbot.waitSignal(send.receipt_saved, timeout=20000) as saved:
        send.save_receipt_pdf(tmp_path / "berita-acara.pdf")
    assert pdf_text(saved.args[0]) == text

    # A second file: its own form replaces the first.
    second = send_to(qtbot, view, out, "kedua.kpps")
    assert "kedua.kpps" in pdf_bytes_text(send.receipt_view.pdf_bytes)
    assert send.verification_code.text() == second.fingerprint


def test_receipt_form_is_scrolled_and_zoomed_from_the_keyboard(qtbot, pps_side, runner, db_path, tmp_path):
    view = make_view(qtbot, runner, db_path)
    send = view.send_page
    send_to(qtbot, view, tmp_path)
    form = send.receipt_view.view
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    send.print_button.setFocus()
    qtbot.keyClick(send.print_button, Qt.Key.Key_Backtab)  # Shift+Tab from "Cetak berita acara…"
    assert form.hasFocus()
    bar = form.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # fitted to the width, an A4 page is taller than the panel
    qtbot.keyClick(form, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    fitted = send.receipt_view.zoom()
    qtbot.keyClick(form, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert send.receipt_view.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(form, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert send.receipt_view.zoom() == pytest.approx(fitted / 1.25)
    qtbot.keyClick(form, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert send.receipt_view.zoom() == pytest.approx(fitted)
    # "+" typed with Shift (most laptop keyboards) and Ctrl+= zoom in as well.
    qtbot.keyClick(form, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(form, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert send.receipt_view.zoom() == pytest.approx(fitted * 1.25 * 1.25)


def test_receipt_that_cannot_be_drawn_says_why_and_changes_nothing(qtbot, pps_side, runner, db_path, tmp_path,
                                                                   monkeypatch):
    view = make_view(qtbot, runner, db_path)
    send = view.send_page
    out = tmp_path / "out"
    out.mkdir()
    # The temporary folder the form is drawn in is gone (a cleaner tool, a TEMP pointing nowhere).
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "hilang"))
    send.set_destination(out)
    said = []
    send.receipt_unavailable.connect(said.append)
    with qtbot.waitSignals([view.exported, send.receipt_unavailable], timeout=20000):
        send.export_now()
    [message] = said
    result = send.result
    assert "Berita acara tidak dapat ditampilkan" in message and "Folder sementara" in message
    assert result.path.name in message
    assert send.receipt_view.message.text() == message and not send.receipt_view.showing_form()
    assert send.receipt_view.pdf_bytes == b""
    # The file stands as written and verified; its banner, code and buttons are all there.
    assert [p.name for p in out.iterdir()] == [result.path.name]
    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256
    assert "TIDAK terenkripsi" in send.receipt_banner.text() and send.verification_code.text() == result.fingerprint
    assert send.print_button.isEnabled() and send.pdf_button.isEnabled() and send.job is None
    assert view.message_box is None  # said in the panel; no dialog over a file that was sent fine
    # And the paper form can still be saved where the user chooses.
    with qtbot.waitSignal(send.receipt_saved, timeout=20000) as saved:
        send.save_receipt_pdf(out / "berita-acara.pdf")
    assert "BERITA ACARA SERAH TERIMA" in pdf_text(saved.args[0])
