"""Which responses belong to a recorder when several threads make requests."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import threading

import pytest

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests.recorder_apps import HOME_LINE, SESSION_LINE, flask_app

pytestmark = pytest.mark.usefixtures("originals")


def test_threads_started_inside_are_recorded_older_threads_never() -> None:
    client = flask_app().test_client()
    go, done = threading.Event(), threading.Event()

    def old_worker() -> None:
        go.wait()
        client.post("/login")
        done.set()

    old = threading.Thread(target=old_worker)
    old.start()
    with CookieRecorder() as recorder:
        go.set()
        done.wait()
        fresh = threading.Thread(target=client.get, args=("/home",))
        fresh.start()
        fresh.join()
    old.join()
    assert [line.line for line in recorder.lines] == [HOME_LINE]


def test_a_thread_that_outlives_its_recorder_never_records_into_the_next() -> None:
    client = flask_app().test_client()
    go, done = threading.Event(), threading.Event()

    def straggler() -> None:
        go.wait()
        client.post("/login")
        done.set()

    with CookieRecorder() as first:
        thread = threading.Thread(target=straggler)
        thread.start()
    with CookieRecorder() as second:
        go.set()
        done.wait()
    thread.join()
    assert (first.responses, second.responses) == (0, 0)


def test_work_handed_to_an_older_thread_with_the_context_is_recorded() -> None:
    client = flask_app().test_client()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: None).result()  # the worker thread exists before the recorder
        with CookieRecorder() as recorder:
            pool.submit(contextvars.copy_context().run, client.post, "/login").result()
            pool.submit(client.get, "/home").result()  # no context: cannot be attributed
    assert [line.line for line in recorder.lines] == [SESSION_LINE]


def test_asyncio_to_thread_is_recorded() -> None:
    client = flask_app().test_client()

    async def run() -> None:
        await asyncio.to_thread(client.post, "/login")

    with CookieRecorder() as recorder:
        asyncio.run(run())
    assert [line.line for line in recorder.lines] == [SESSION_LINE]


def test_concurrent_threads_lose_no_response() -> None:
    app = flask_app()

    def worker() -> None:
        client = app.test_client()
        for _ in range(25):
            client.post("/login")

    with CookieRecorder() as recorder:
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert recorder.responses == 200
    assert sorted(line.response for line in recorder.lines) == list(range(200))
