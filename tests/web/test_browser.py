"""The pages in a real browser: Playwright driving Debian's chromium (installed by
`.ci/run`, never downloaded by Playwright) against `tidings serve` on loopback.

Every test fails on a console error or an uncaught page error. Screenshots of
each page, at desktop and phone width, go to build/screenshots/ for review.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
LOCAL = "http://127.0.0.1:"  # the servers these tests start; nothing else may be asked

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("CI must install chromium (apt-get install chromium in .ci/run)")
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server(sample_db) -> Iterator[str]:
    yield from _serve(sample_db)


@pytest.fixture(scope="module")
def story_server(story_db) -> Iterator[str]:
    yield from _serve(story_db[0])


def _serve(db: Path) -> Iterator[str]:
    import uvicorn

    from tidings.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context, server) -> Iterator[Page]:
    """A tab that fails its test on a console error, an uncaught error, or a request
    to anywhere but the server (no CDN: every script and style is served locally)."""
    errors: list[str] = []
    elsewhere: list[str] = []
    tab = browser_context.new_page()
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "request",
        lambda req: None if req.url.startswith((LOCAL, "data:")) else elsewhere.append(req.url),
    )
    tab.base = server  # type: ignore[attr-defined]
    yield tab
    tab.close()
    assert errors == [], f"console errors: {errors}"
    assert elsewhere == [], f"requests off the server: {elsewhere}"


def shoot(page: Page, name: str) -> None:
    """A desktop and a phone-width screenshot; at phone width nothing scrolls sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=SHOTS / f"{name}-phone.png", full_page=True)
    page.set_viewport_size(size)
    assert overflow <= 0, f"{name} scrolls sideways at phone width by {overflow}px"


def test_search_article_actor_dyad_by_keyboard(page: Page, pair_events):
    page.goto(page.base + "/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("prisoners")
    page.keyboard.press("Enter")
    expect(page.locator("h2#results-title")).to_contain_text("matching “prisoners”")
    expect(page.locator("ol.hits mark.hit").first).to_have_text(re.compile("prisoners", re.I))
    shoot(page, "search")

    page.locator("ol.hits a.title").first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/articles/558cdf0b3bfbfa90$"))
    quote = page.locator("q.quote.q-direct").first
    expect(quote).to_have_attribute("title", re.compile(r"^Oksana Melnyk \(direct quote"))
    expect(page.locator("mark.event.t-COOPERATE")).to_have_count(1)
    shoot(page, "article")

    page.locator(".found a", has_text="Oksana Melnyk").first.click()
    expect(page.locator("h1")).to_have_text("Oksana Melnyk")
    expect(page.locator("section", has_text="Quotes").locator("blockquote").first).to_contain_text(
        "Every one of them is home"
    )
    shoot(page, "actor")

    page.get_by_role("link", name="Dyads").click()
    page.select_option("#source", "RUS")
    page.select_option("#target", "UKR")
    page.select_option("#period", "week")
    page.locator("#period").focus()
    page.keyboard.press("Tab")  # to the Show button
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dyads\?source=RUS&target=UKR&period=week"))
    bars = page.locator("figure.chart svg rect")
    expect(bars).to_have_count(len({e["type"] for e in pair_events}))  # one a type, stacked
    link = page.locator("figure.chart svg a").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#period-2025-W38$"))
    evidence = page.locator("#period-2025-W38 + ul .evidence")
    expect(evidence).to_have_count(len(pair_events))
    expect(evidence.first).to_be_in_viewport()
    shoot(page, "dyads")


def test_edit_toggle_shows_each_edit_and_its_reason(page: Page):
    page.goto(page.base + "/articles/8aff637bdc31ca14")
    page.locator("#show-original").click()
    expect(page).to_have_url(re.compile(r"view=original$"))
    edits = page.locator(".original .edit")
    assert edits.count() >= 10
    first = page.locator(".original .edit.e-boilerplate").first
    expect(first).to_have_attribute("data-reason", "boilerplate: advertisement")
    first.focus()  # by keyboard: the reason shows on focus as on hover
    shown = page.evaluate(
        "el => getComputedStyle(el, '::after').content",
        first.element_handle(),
    )
    assert shown == '"boilerplate: advertisement"'
    first.hover()
    shoot(page, "original")
    page.get_by_role("link", name="Repaired text").click()
    expect(page.locator(".body p").first).to_be_visible()


def test_nothing_found_is_said_in_words(page: Page):
    page.goto(page.base + "/?q=volcano&since=2025-01")
    expect(page.locator("p.empty")).to_have_text(
        "No articles matching “volcano” since 2025-01. Try fewer words, or remove a filter."
    )
    page.goto(page.base + "/actors/United%20Arab%20Emirates")
    expect(page.get_by_text("No quotes by United Arab Emirates in this store.")).to_be_visible()
    shoot(page, "empty")


def test_api_docs_render_from_local_scripts(page: Page):
    page.goto(page.base + "/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("tidings")
    expect(page.get_by_text("/api/articles/{article_id}").first).to_be_visible()


def test_story_page_from_an_article(page: Page, story_server, story_db):
    _, story_id = story_db
    page.goto(f"{story_server}/articles/558cdf0b3bfbfa90")
    page.get_by_role("link", name=re.compile("^Story:")).click()
    expect(page).to_have_url(re.compile(f"/stories/{story_id}$"))
    expect(page.locator(".story-article")).to_have_count(3)
    expect(page.locator(".story-article.rel-original .title")).to_have_text(
        "Russia and Ukraine swap 146 prisoners each in UAE-brokered deal"
    )
    expect(page.locator(".diff .cut").first).to_be_visible()
    shoot(page, "story")
    page.get_by_role("link", name="Stories", exact=True).click()
    expect(page.locator("table.list tbody tr")).to_have_count(1)
