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
