"""Per-document limits: time and size, so that no page hangs, crashes or eats memory."""

from __future__ import annotations

import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from tidings import parse_bytes
from tidings.read import html as html_reader
from tidings.read import iter_documents
from tidings.read.limits import DeadlineExceeded, configure, seconds_limit, time_limit
from tidings.read.step import ReadPageStep


def spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "finished"


def spin_swallowing(seconds: float) -> str:
    """Busy work inside the `except Exception` that libraries are full of."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:  # noqa: SIM105 - a try/except as libraries write it is the point
            spin(end - time.monotonic())
        except Exception:
            pass
    return "finished"


def limited(function, seconds: float, limit: float) -> str:
    try:
        with time_limit(limit):
            return function(seconds)
    except DeadlineExceeded:
        return "stopped"


# --- the time limit itself ---------------------------------------------------------------


@pytest.mark.parametrize("work", [spin, spin_swallowing])
def test_the_main_thread_is_stopped_at_the_deadline(work):
    start = time.monotonic()
    assert limited(work, 5, 0.2) == "stopped"
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("work", [spin, spin_swallowing])
def test_another_thread_is_stopped_at_the_deadline(work):
    outcome = []
    thread = threading.Thread(target=lambda: outcome.append(limited(work, 5, 0.2)))
    start = time.monotonic()
    thread.start()
    thread.join(4)
    assert outcome == ["stopped"]
    assert time.monotonic() - start < 2


def test_work_within_the_limit_finishes_and_nothing_fires_afterwards():
    assert limited(spin, 0.05, 1) == "finished"
    spin(0.3)  # past where a leftover alarm would land
    outcome = []
    thread = threading.Thread(target=lambda: outcome.append(limited(spin, 0.05, 0.2)))
    thread.start()
    thread.join()
    spin(0.4)
    assert outcome == ["finished"]


def test_a_handler_and_timer_installed_before_are_given_back():
    def mine(signum, frame):  # pragma: no cover - never called
        raise AssertionError("the old handler ran")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        assert limited(spin, 2, 0.1) == "stopped"
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _limited_in_worker(limit: float) -> str:
    return limited(spin, 5, limit)


def test_the_limit_works_in_a_pool_worker():
    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(_limited_in_worker, 0.2).result(timeout=30) == "stopped"


def test_the_limit_is_configured_through_the_environment(monkeypatch):
    monkeypatch.setenv("TIDINGS_TIME_LIMIT", "")  # restored after the test, as configure sets it
    assert seconds_limit() == 20.0
    configure(1.5)
    assert seconds_limit() == 1.5
    monkeypatch.setenv("TIDINGS_TIME_LIMIT", "not a number")
    assert seconds_limit() == 20.0
    with pytest.raises(ValueError):
        configure(0)


# --- pages that would hang, crash or eat memory ------------------------------------------


def test_a_page_that_takes_too_long_is_a_recorded_error(monkeypatch, article_page):
    monkeypatch.setenv("TIDINGS_TIME_LIMIT", "0.3")
    monkeypatch.setattr(html_reader, "parse_tree", lambda text: spin(30))
    start = time.monotonic()
    (record,) = parse_bytes(article_page().encode(), path="slow.html", nlp=False)
    assert time.monotonic() - start < 5
    assert not record.paragraphs
    assert "longer than the 0.3 s limit" in record.errors[0]


def test_a_50_mb_page_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html><html><body><p>")
        handle.truncate(50_000_000)
    (doc,) = iter_documents([str(path)])
    assert doc.source.format == "html"
    assert "50.0 MB, over the 10.5 MB limit" in doc.record.errors[0]
    assert len(doc.raw) < 1000  # the page itself was never loaded


def test_a_page_within_a_raised_size_limit_is_read(tmp_path, article_page):
    path = tmp_path / "page.html"
    path.write_text(article_page(), encoding="utf-8")
    (refused,) = iter_documents([str(path)], max_bytes=1000)
    assert refused.record.errors
    (read,) = iter_documents([str(path)], max_bytes=100_000)
    ReadPageStep()(read)
    assert read.meta.text


@pytest.mark.parametrize("depth", [300, 20_000])
def test_a_deeply_nested_page_ends_quickly_as_a_record(depth):
    page = "<html><body>" + "<div>" * depth + "<p>" + "Deep words. " * 50 + "</p>"
    page += "</div>" * depth + "</body></html>"
    start = time.monotonic()
    (record,) = parse_bytes(page.encode(), path="deep.html", nlp=False)
    assert time.monotonic() - start < 10
    assert not record.paragraphs
    assert "nested deeper than 256 levels" in record.errors[0]


def test_text_above_the_depth_limit_is_kept_and_the_cut_recorded(article_page, article_body):
    deep = "<div>" * 300 + "<p>Buried words. </p>" + "</div>" * 300
    page = article_page(inside_article=deep)
    (record,) = parse_bytes(page.encode(), path="deep.html", nlp=False)
    assert record.paragraphs == article_body
    assert any("nested deeper than 256" in error for error in record.errors)


def test_a_page_that_is_not_html_at_all_is_a_recorded_error():
    (record,) = parse_bytes(bytes(range(256)) * 100, path="image.html", nlp=False)
    assert not record.paragraphs
    assert "binary" in record.errors[0]


def test_a_huge_script_is_emptied_and_the_article_around_it_read_whole(article_page, article_body):
    script = "<script>var blob = '" + "a" * 10_100_000 + "';</script>"
    (record,) = parse_bytes(article_page(inside_article=script).encode(), path="s.html", nlp=False)
    assert record.paragraphs == article_body
    assert record.errors == []


def test_text_over_the_parsers_size_limit_is_recorded_not_silently_cut(article_page):
    blob = "<p>" + "word " * 2_020_000 + "</p>"
    (record,) = parse_bytes(article_page(inside_article=blob).encode(), path="b.html", nlp=False)
    assert "one piece of text over libxml2's 10 MB limit" in " ".join(record.errors)
    assert "nested deeper" not in " ".join(record.errors)
