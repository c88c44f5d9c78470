"""Real-browser testing: stores to serve, the web app on a live server, and Debian's chromium
driven by Playwright, with every console error, page error and dialog recorded.

Fixtures (imported into the test modules that use them, as tests/postgres.py's are):

- ``served_store`` (session): a factory ``make(name, paths) -> Store`` that ingests ``paths``
  into a fresh SQLite store in a temporary folder, once per ``name`` for the whole session
  (ingest is slow: about 10 s for a handful of articles), with the session's models.
- ``browser`` (session): chromium launched headless through Playwright with
  ``executable_path=/usr/bin/chromium`` (Debian's package; Playwright's own browser downloads
  are never used). Skipped, saying why, when that file is missing; .ci/run installs it.
- ``browser_page``: a fresh page (its own context: no cookies or storage shared between
  tests) that records on itself ``page.console_errors``, ``page.page_errors`` and
  ``page.dialogs`` (every dialog is recorded and dismissed), for ``assert_inert``.

Helpers: ``live_server(store)`` runs ``uvicorn.Server`` for ``newsprism.web.create_app(store)``
in a background thread on a free port of 127.0.0.1 and yields its base URL;
``copy_store(store, folder)`` a copy to change without touching the original;
``inert_problems(page)`` / ``assert_inert(page)`` what a page did that a page showing hostile
text must never do; ``page_text(page)`` the text a page shows; ``screenshot(page, name)``
saves a full-page screenshot into ``$NEWSPRISM_SCREENSHOTS`` when that is set.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.store import Store

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package, installed by .ci/run
SCREENSHOTS_ENV = "NEWSPRISM_SCREENSHOTS"
VIEWPORT = {"width": 1280, "height": 800}
SCREENSHOT_PART = 8000  # px: Chromium cannot capture a page of ~16k px or more in one image
SERVER_START_TIMEOUT = 30  # seconds


# ----------------------------------------------------------------------------- stores
@pytest.fixture(scope="session")
def served_store(tmp_path_factory: pytest.TempPathFactory, annotator: Any, embedder: Any,
                 encoder: Any) -> Iterator[Callable[[str, Sequence[Path]], Store]]:
    """``make(name, paths)``: a store holding ``paths`` ingested, made once per name per session.
    Tests that change a store (an upload) take ``copy_store`` of it instead."""
    made: dict[str, Store] = {}

    def make(name: str, paths: Sequence[Path]) -> Store:
        if name not in made:
            folder = tmp_path_factory.mktemp(f"store-{name}")
            store = Store.open(folder / "newsprism.db")
            store.ingest(paths, annotator=annotator, embedder=embedder, encoder=encoder)
            made[name] = store
        return made[name]

    yield make
    for store in made.values():
        store.engine.dispose()


def store_file(store: Store) -> Path:
    database = store.engine.url.database
    if store.engine.dialect.name != "sqlite" or not database:
        raise ValueError(f"not an SQLite file store: {store.engine.url!r}")
    return Path(database)


def copy_store(store: Store, folder: Path, settings: Settings | None = None) -> Store:
    """A copy of an SQLite store in ``folder`` (through SQLite's backup API, so the WAL is
    included and the copy is consistent), to change without touching the original."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "newsprism.db"
    with closing(sqlite3.connect(store_file(store))) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return Store.open(target, settings or store.settings)


# ----------------------------------------------------------------------------- the server
@contextmanager
def live_server(store: Store, settings: Settings | None = None) -> Iterator[str]:
    """Serve ``create_app(store, settings)`` with uvicorn in a background thread on a free port
    of 127.0.0.1; yields the base URL (no trailing slash) and stops the server after."""
    import uvicorn

    from newsprism.web import create_app

    app = create_app(store, settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the port is ours from here on: no race for a "free" one
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on", access_log=False))
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as err:  # noqa: BLE001 - reported to the test below
            failure.append(err)

    thread = threading.Thread(target=run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not server.started:
        if failure or not thread.is_alive():
            sock.close()
            raise RuntimeError(f"the web app's server did not start: {failure[0] if failure else 'it exited'}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the web app's server did not start within {SERVER_START_TIMEOUT} s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


# ----------------------------------------------------------------------------- the browser
@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM}: `apt-get install -y chromium` "
                    "(.ci/run installs it on CI)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[Any]:
    """A page in a fresh context that records console errors, page errors and dialogs on
    itself (``page.console_errors``, ``page.page_errors``, ``page.dialogs``)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    record(page)
    try:
        yield page
    finally:
        context.close()


def record(page: Any) -> Any:
    page.console_errors = []
    page.page_errors = []
    page.dialogs = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url") or ""
            page.console_errors.append(f"{message.text} [{where}]")

    def on_dialog(dialog: Any) -> None:
        page.dialogs.append(f"{dialog.type}({dialog.message!r}) on {page.url}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.page_errors.append(f"{error} on {page.url}"))
    page.on("dialog", on_dialog)
    return page


# What a page showing hostile text must never hold: a payload that became a variable, an
# event handler, a script, a javascript: or data: URL, or an element that loads or redirects.
_INERT_JS = r"""
() => {
  const out = [];
  for (const w of [window, window.parent, window.top]) {
    try { if (typeof w.__pwned !== 'undefined') out.push('window.__pwned = ' + String(w.__pwned)); } catch (e) {}
  }
  const marker = /__pwned|alert\s*\(/i;
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping'];
  const short = (el) => '<' + el.tagName.toLowerCase() + '>';
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
      if (name.startsWith('on') && marker.test(attr.value)) out.push(short(el) + ' has a payload handler ' + name);
      if (name === 'srcdoc') out.push(short(el) + ' has srcdoc');
      if (urlAttrs.includes(name) && /^(javascript|vbscript|data:text\/html)/.test(value))
        out.push(short(el) + ' ' + name + '="' + attr.value.slice(0, 60) + '"');
      if (name === 'style' && /javascript:|expression\(/.test(value)) out.push(short(el) + ' style with script');
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (marker.test(s.textContent)) out.push('a <script> holding a payload: ' + s.textContent.slice(0, 80));
  }
  for (const sel of ['iframe', 'object', 'embed', 'base', 'meta[http-equiv="refresh" i]', 'svg[onload]',
                     'svg [onload]', 'details[ontoggle]', 'img[onerror]']) {
    for (const el of document.querySelectorAll(sel)) out.push('an element that should not be there: ' + sel);
  }
  return out;
}
"""


# Console errors that say nothing about the page's content: the browser asking for a favicon.
HARMLESS_CONSOLE = (re.compile(r"Failed to load resource: .*\[[^\]]*/favicon\.ico\]$"),)
# The console error Chromium logs for a document that answered 4xx/5xx, for pages opened to see
# their error page (an unknown story id): pass it as ``allow`` to ``inert_problems``.
HTTP_ERROR_STATUS = re.compile(r"Failed to load resource: the server responded with a status of [45]\d\d")


def inert_problems(page: Any, allow: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """Everything on the page (and recorded on it) that shows injected markup or script ran:
    ``window.__pwned`` set, a dialog, a page error, a console error (CSP refusals included:
    a payload that reached the page as markup and was only stopped by the CSP is still a
    bug), or a payload-bearing handler, script or URL in the DOM. ``allow``: console errors
    to ignore (besides ``HARMLESS_CONSOLE``)."""
    ignored = (*HARMLESS_CONSOLE, *allow)
    problems = [f"dialog: {d}" for d in page.dialogs]
    problems += [f"page error: {e}" for e in page.page_errors]
    problems += [f"console error: {e}" for e in page.console_errors if not any(p.search(e) for p in ignored)]
    problems += [f"DOM ({page.url}): {p}" for p in page.evaluate(_INERT_JS)]
    return problems


def assert_inert(page: Any, where: str = "", allow: Sequence[re.Pattern[str]] = ()) -> None:
    problems = inert_problems(page, allow)
    assert not problems, f"{where or page.url}: " + "\n".join(problems)


# Text as a reader sees it: the <title> and the body's innerText with every <details> opened
# (a reader can open them; opening also fires any injected ontoggle); with attributes=True
# also the title/alt/aria-label attributes a reader sees as tooltips.
_TEXT_JS = r"""
(attributes) => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  // the claim badges beside an article's sentences are the tool's notes, not the article's words
  const notes = [...document.querySelectorAll('.text .badge')];
  for (const n of notes) n.style.display = 'none';
  const parts = [document.title, document.body ? document.body.innerText : ''];
  for (const n of notes) n.style.display = '';
  if (attributes) {
    for (const el of document.querySelectorAll('[title], [alt], [aria-label]')) {
      for (const name of ['title', 'alt', 'aria-label']) if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
    }
  }
  return parts.join('\n');
}
"""


def page_text(page: Any, *, attributes: bool = False) -> str:
    """The page's visible text with whitespace collapsed (compare with ``collapse(literal)``)."""
    return collapse(page.evaluate(_TEXT_JS, attributes))


def collapse(text: str) -> str:
    return " ".join(text.split())


# Text holding a bidi embedding, override or isolate it does not close (U+202A/B/D/E without
# U+202C, U+2066-8 without U+2069) reorders the text after it up to the end of its block
# ("Trojan Source" spoofing: a file name turning "... reports" around) unless it is isolated: inside
# an inline <bdi> or an inline element styled unicode-bidi: isolate / isolate-override /
# plaintext, or alone in its block (a table cell holding only the outlet's name).
_BIDI_JS = r"""
() => {
  const out = [];
  const count = (text, re) => (text.match(re) || []).length;
  const unbalanced = (text) =>  // an embedding or override not closed by U+202C, an isolate not by U+2069
    count(text, /[\u202a\u202b\u202d\u202e]/g) > count(text, /\u202c/g) ||
    count(text, /[\u2066-\u2068]/g) > count(text, /\u2069/g);
  const isolated = (node) => {
    for (let e = node.parentElement; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display !== 'inline' && style.display !== 'contents')
        return e.textContent.trim() === node.nodeValue.trim();  // the block the reordering would reach
      if (e.tagName === 'BDI' || ['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi))
        return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (unbalanced(node.nodeValue) && !isolated(node))
      out.push('<' + node.parentElement.tagName.toLowerCase() + '>: ' + JSON.stringify(node.nodeValue.slice(0, 60)));
  }
  return out;
}
"""


def bidi_leaks(page: Any) -> list[str]:
    """Text nodes whose bidi controls are not isolated from the text around them."""
    return list(page.evaluate(_BIDI_JS))


def overflow_width(page: Any) -> int:
    """How many pixels the page is wider than the window (a long token that does not wrap)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def screenshot(page: Any, name: str) -> list[Path]:
    """Full-page screenshots as $NEWSPRISM_SCREENSHOTS/NAME.png, when that variable is set; a
    page taller than Chromium can capture at once comes in parts, NAME.png, NAME-2.png, ..."""
    folder = os.environ.get(SCREENSHOTS_ENV)
    if not folder:
        return []
    Path(folder).mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    width = (page.viewport_size or VIEWPORT)["width"]  # what a reader sees, however wide the page overflows
    paths = []
    for part, top in enumerate(range(0, max(height, 1), SCREENSHOT_PART), start=1):
        path = Path(folder) / (f"{name}.png" if part == 1 else f"{name}-{part}.png")
        clip = {"x": 0, "y": top, "width": width, "height": min(SCREENSHOT_PART, height - top)}
        page.screenshot(path=str(path), full_page=True, clip=clip)
        paths.append(path)
    return paths
