"""A session for a chosen set of desa (a kecamatan bimtek for 4 of its 18 desa): only they are expected."""

import json

import pytest

from helpers.cli import run
from helpers.sessions import DAY, at

from kpps_desktop.core import checkin, demo, installation, sessions

KEDUNG = "33.20.01"


@pytest.fixture
def kedung(db):
    """PPK Kedung with the demo roster of its 18 desa."""
    installation.init(db, "ppk", KEDUNG)
    demo.generate(db, KEDUNG)
    db.desas = [r[0] for r in db.conn.execute("SELECT DISTINCT desa FROM officers ORDER BY desa")]
    return db


def officers_of(db, desas):
    marks = ",".join("?" * len(desas))
    return {r[0] for r in db.conn.execute(
        f"SELECT id FROM officers WHERE status = 'aktif' AND desa IN ({marks})", desas)}


def test_closing_marks_only_the_invited_desa(kedung):
    chosen = kedung.desas[:4]
    s = sessions.create_session(kedung, "bimtek", "Bimtek gelombang 1", DAY.isoformat(), "08:00", "12:00",
                                desas=chosen)
    invited = officers_of(kedung, chosen)
    assert len(kedung.desas) == 18 and 0 < len(invited) < kedung.conn.execute(
        "SELECT count(*) FROM officers WHERE status = 'aktif'").fetchone()[0]
    assert {o["id"] for o in sessions.expected_officers(kedung, s.id)} == invited
    came = sorted(invited)[:5]
    for oid in came:
        checkin.check_in_officer(kedung, s.id, oid, at("07:50"), "manual", "hadir di meja")
    marked = sessions.close_session(kedung, s.id, at("12:30"))
    assert marked == len(invited) - len(came)
    touched = {r[0] for r in kedung.conn.execute("SELECT officer_id FROM attendance WHERE session_id = ?", (s.id,))}
    assert touched == invited  # nobody outside the four desa was marked tidak hadir


def test_an_officer_of_another_desa_is_not_in_the_session(kedung):
    s = sessions.create_session(kedung, "bimtek", "Bimtek", DAY.isoformat(), desas=kedung.desas[:2])
    outsider = sorted(officers_of(kedung, [kedung.desas[5]]))[0]
    result = checkin.check_in_officer(kedung, s.id, outsider, at("08:00"), "manual", "uji")
    assert result.result == "not_in_session"


def test_one_desa_is_an_ordinary_desa_session(kedung):
    s = sessions.create_session(kedung, "bimtek", "Bimtek", DAY.isoformat(), desas=[kedung.desas[0]])
    assert (s.scope_kind, s.scope) == ("desa", kedung.desas[0])


def test_a_desa_outside_the_region_or_unknown_is_refused_and_nothing_is_written(kedung):
    before = kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    with pytest.raises(sessions.SessionError, match="di luar wilayah"):
        sessions.create_session(kedung, "bimtek", "Bimtek", DAY.isoformat(),
                                desas=[kedung.desas[0], "33.20.02.2001"])
    with pytest.raises(sessions.SessionError, match="tidak dikenal"):
        sessions.create_session(kedung, "bimtek", "Bimtek", DAY.isoformat(), desas=[kedung.desas[0], "33.20.01.9999"])
    assert kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == before


def test_cli_session_create_with_several_desa(kedung, db_path, capsys):
    chosen = kedung.desas[2:6]
    args = ["--db", str(db_path), "session", "create", "--kind", "bimtek", "--title", "Bimtek 4 desa",
            "--date", DAY.isoformat(), "--json"]
    for d in chosen:
        args += ["--desa", d]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    sid = json.loads(out)["id"]
    assert {o["id"] for o in sessions.expected_officers(kedung, sid)} == officers_of(kedung, chosen)
    code, out, err = run(capsys, "--db", str(db_path), "session", "create", "--kind", "bimtek", "--title", "X",
                         "--date", DAY.isoformat(), "--desa", chosen[0], "--desa", "99.99.99.9999")
    assert code == 1 and "tidak dikenal" in err and "Traceback" not in err


# --- the session dialog: "Beberapa desa" -----------------------------------------------------

@pytest.fixture
def dialog(qtbot, kedung, db_path):
    from kpps_desktop.ui.jobs import JobRunner
    from kpps_desktop.ui.session_dialog import SessionDialog

    runner = JobRunner(db_path)
    d = SessionDialog(runner, clock=lambda: at("12:30"))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    yield d
    runner.shutdown()


def test_dialog_invites_the_desa_ticked_with_the_keyboard(qtbot, dialog, kedung):
    from PySide6.QtCore import Qt

    d = dialog
    d.new_session()
    d.title.setText("Bimtek gelombang 1")
    assert not d.desa_box.isVisible()
    d.scope.setCurrentIndex(d.scope.findData("desas|"))
    assert d.desa_box.isVisible() and d.desa_list.count() == 18
    # Nothing ticked: a clear problem, nothing saved.
    before = kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    assert d.save() is None and "Centang desa" in d.problems.text()
    assert kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == before
    # Filter, then tick with Space as a secretary would.
    chosen = []
    for name_part in ("Kalianyar", "Bugel"):
        qtbot.keyClicks(d.desa_filter, name_part)
        visible = [d.desa_list.item(i) for i in range(d.desa_list.count()) if not d.desa_list.item(i).isHidden()]
        assert len(visible) == 1
        d.desa_list.setFocus()
        d.desa_list.setCurrentItem(visible[0])
        qtbot.keyClick(d.desa_list, Qt.Key.Key_Space)
        chosen.append(visible[0].data(Qt.ItemDataRole.UserRole))
        d.desa_filter.clear()
    assert d.checked_desas() == sorted(chosen) or set(d.checked_desas()) == set(chosen)
    assert "2 desa dipilih" in d.desa_count.text()
    with qtbot.waitSignal(d.settled, timeout=10000):
        job = d.save()
    saved = job.result
    assert isinstance(saved, sessions.Session), d.problems.text()
    assert {o["id"] for o in sessions.expected_officers(kedung, saved.id)} == officers_of(kedung, chosen)
    d.scope.setCurrentIndex(0)
    assert not d.desa_box.isVisible()
