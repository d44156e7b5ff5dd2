"""The single-writer job runner: results reach the GUI thread, failures are messages, order holds."""

import threading

import pytest

from kpps_desktop.core import installation
from kpps_desktop.core.progress import Progress
from kpps_desktop.ui.jobs import JobError, wait


def test_a_fast_job_is_never_missed_by_a_caller_that_connects_after_submit(runner, qtbot):
    for _ in range(50):
        job = runner.submit(lambda db: 42)
        threading.Event().wait(0.002)  # let the worker finish first
        with qtbot.waitSignal(job.finished, timeout=2000) as blocker:
            pass
        assert blocker.args == [42]


def test_jobs_run_in_order_on_one_thread(runner):
    seen = []
    jobs = [runner.submit(lambda db, i=i: seen.append((i, threading.get_ident()))) for i in range(20)]
    for job in jobs:
        wait(job)
    assert [i for i, _ in seen] == list(range(20))
    assert len({t for _, t in seen}) == 1
    assert seen[0][1] != threading.get_ident()


def test_failure_becomes_an_indonesian_message(runner):
    with pytest.raises(JobError, match="tidak dikenal"):
        runner.call(installation.init, "pps", "99.99.99.9999")
    assert runner.call(installation.get) is None


def test_cancel_reports_canceled_not_failed(runner, qtbot):
    started = threading.Event()

    def long_work(db, progress):
        started.set()
        for _ in range(1000):
            progress.tick()
            threading.Event().wait(0.005)

    job = runner.submit(long_work, progress=Progress(1000))
    assert started.wait(2)
    with qtbot.waitSignal(job.canceled, timeout=5000):
        job.cancel()
    assert job.error is None


def test_success_and_failure_callbacks_run_on_the_gui_thread_without_waiting(runner, qtbot):
    from kpps_desktop.ui.jobs import Outcome

    gui = threading.get_ident()
    got = []
    ok = runner.submit(lambda db: 7).success(lambda v: got.append(("ok", v, threading.get_ident())))
    bad = runner.submit(installation.init, "pps", "99.99.99.9999").failure(
        lambda msg: got.append(("bad", "tidak dikenal" in msg, threading.get_ident())))
    bad.success(lambda v: got.append(("wrong", v, 0)))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert got == [("ok", 7, gui), ("bad", True, gui)]
    assert (ok.outcome, bad.outcome) == (Outcome.FINISHED, Outcome.FAILED)
    # A callback added after the job is done runs at once, with the outcome it had.
    late = []
    ok.success(late.append).failure(late.append)
    assert late == [7]


def test_start_with_progress_returns_at_once_and_closes_its_dialog(runner, qtbot):
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from kpps_desktop.ui.jobs import start_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    release = threading.Event()
    done = []

    def work(db, progress):
        release.wait(5)
        return "selesai"

    job = start_with_progress(parent, runner, "Bekerja…", work).success(done.append)
    assert not job.done and done == []  # returned before the work finished: no nested loop
    assert len(parent.findChildren(QProgressDialog)) == 1
    release.set()
    qtbot.waitUntil(lambda: done == ["selesai"], timeout=5000)
    qtbot.waitUntil(lambda: not parent.findChildren(QProgressDialog), timeout=5000)


def test_read_runs_here_through_a_read_only_connection(runner, qtbot):
    import sqlite3

    from kpps_desktop.core import db as dbmod

    wait(runner.submit(installation.init, "pps", "33.20.01.2001"))
    gui = threading.get_ident()
    seen = []
    inst = runner.read(lambda db: (seen.append(threading.get_ident()), installation.get(db))[1])
    assert seen == [gui] and inst.wilayah == "33.20.01.2001"  # what the committed job wrote
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        runner.read(dbmod.set_meta, "x", "y")


def test_always_runs_once_however_the_job_ends_and_before_later_callbacks(runner, qtbot):
    def fails(db):
        raise installation.InstallationError("tidak boleh")

    def long_work(db, progress):
        for _ in range(1000):
            progress.tick()
            threading.Event().wait(0.005)

    for fn, kwargs, signal in ((lambda db: 1, {}, "finished"), (fails, {}, "failed"),
                               (long_work, {"progress": Progress(1000)}, "canceled")):
        seen: list[str] = []
        note = seen.append  # bound now: each round's callbacks write to that round's list
        job = runner.submit(fn, **kwargs).always(lambda note=note: note("always"))
        job.success(lambda _r, note=note: note("success")).failure(lambda _m, note=note: note("failure"))
        job.on_cancel(lambda note=note: note("cancel"))
        with qtbot.waitSignal(getattr(job, signal), timeout=5000):
            if signal == "canceled":
                job.cancel()
        assert seen == ["always", {"finished": "success", "failed": "failure", "canceled": "cancel"}[signal]]
        job.always(lambda note=note: note("late"))  # added after the end: runs at once
        assert seen[-1] == "late" and len(seen) == 3
