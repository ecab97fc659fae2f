"""run_in_worker: results, errors and progress come back on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from netcrm.ui.workers import Job, run_in_worker, running_jobs


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}
    steps: list[tuple[int, int]] = []

    def work(job: Job) -> int:
        seen["worker"] = threading.get_ident()
        for done in range(1, 4):
            job.report(done, 3)
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["done_on"] = threading.get_ident()

    run_in_worker(work, done, progress=lambda d, t: steps.append((d, t)))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["done_on"] == gui != seen["worker"]
    qtbot.waitUntil(lambda: len(steps) == 3)
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert running_jobs() == 0


def test_an_error_goes_to_on_error(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work(_job: Job) -> None:
        raise ValueError("boom")

    run_in_worker(work, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "boom"


def test_without_on_error_the_error_is_raised_on_the_gui_thread(qtbot: QtBot) -> None:
    def work(_job: Job) -> None:
        raise KeyError("lost")

    with qtbot.captureExceptions() as caught:
        run_in_worker(work, lambda _r: None)
        qtbot.waitUntil(lambda: bool(caught))
    assert caught[0][0] is KeyError


def test_cancel_is_seen_by_the_job(qtbot: QtBot) -> None:
    started, release = threading.Event(), threading.Event()
    outcome: list[str] = []

    def work(job: Job) -> str:
        started.set()
        release.wait(5)
        return "cancelled" if job.is_cancelled() else "finished"

    job = run_in_worker(work, outcome.append)
    assert started.wait(5)
    job.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["cancelled"]
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture(autouse=True)
def _no_leftover_jobs() -> None:
    QThreadPool.globalInstance().waitForDone()
