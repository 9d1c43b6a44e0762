"""`notelint serve`: a local preview of the site as its build will publish it.

Nothing is built ahead: the server starts once it has read the site's index (the posts'
front matter, as `check` keeps it between runs), and renders a page, with its layouts, when
the browser asks for it. A thread watches the site's files; when one changes, the site is
read again and every open page is told, through server-sent events, to reload. A panel
injected into the page (and only in the preview) shows that page's findings, fetched once
the page is shown, so writing a post shows both what readers will see and what is wrong
with it. The server writes nothing into the site.
"""

from __future__ import annotations

import dataclasses
import html
import json
import mimetypes
import os
import posixpath
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from . import sitefs
from .config import find_config, load_config
from .jekyll import sass
from .jekyll.post import Post
from .jekyll.site import Site

EVENTS = "/__notelint/events"
FINDINGS = "/__notelint/findings"
POLL_SECONDS = 0.3
# Folders a change in which changes no page: the build's output, tools' and VCS's own.
_UNWATCHED = {"_site", ".git", ".jekyll-cache", ".sass-cache", "node_modules", "vendor",
              ".bundle", ".venv", "__pycache__"}
_HTML, _CSS, _TEXT = ("text/html; charset=utf-8", "text/css; charset=utf-8",
                      "text/plain; charset=utf-8")


def _content_type(name: str, default: str = "application/octet-stream") -> str:
    """The type a browser needs for a published file (the standard library's table); text
    is served as the UTF-8 Jekyll writes."""
    kind = "application/json" if name.endswith(".map") else \
        mimetypes.guess_type(name, strict=False)[0]  # a source map is JSON, unlisted there
    if kind is None:
        return default
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


@dataclass(frozen=True)
class Route:
    """What answers one URL: a page to render, a stylesheet to compile, or a file."""

    kind: str  # "page", "sass" or "file"
    post: Post | None = None
    file: Path | None = None
    root: Path | None = None  # the folder `file` must lie in (the site, or the theme)


@dataclass
class _State:
    site: Site
    renderer: Any  # render.Renderer, imported with the first request
    routes: dict[str, Route]
    base: str  # the site's baseurl, without slashes


@dataclass
class Preview:
    """The site as last read; read again after a change."""

    root: Path
    config_file: Path | None = None
    generation: int = 0
    _state: _State | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # One render at a time: the browser asks for a page and its stylesheet at once, and a
    # site's Liquid environment keeps the state of the render under way.
    rendering: threading.Lock = field(default_factory=threading.Lock)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def state(self) -> _State:
        with self._lock:
            if self._state is None:
                self._state = self._read()
            return self._state

    def changed(self) -> None:
        """A file of the site changed: read it again when next asked, tell the pages."""
        with self._lock:
            self._state = None
        with self._changed:
            self.generation += 1
            self._changed.notify_all()

    def wait(self, seen: int, seconds: float) -> int:
        """The generation once it is past `seen`, or after `seconds`."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation != seen, seconds)
            return self.generation

    def _read(self) -> _State:
        from .engine import open_site
        from .render import Renderer
        site = open_site(self.root, load_config(self.config_file or find_config(self.root)))
        base = str(site.config.get("baseurl") or "").strip("/")
        return _State(site, Renderer(site, publish=True), _routes(site), base)


def _routes(site: Site) -> dict[str, Route]:
    from .jekyll import themes
    from .jekyll.plugins import paginate
    routes: dict[str, Route] = {}
    theme = site.theme.known
    if theme is not None and theme.folder is not None:
        for asset in themes.assets(theme, {e.relative_path for e in site.entries}):
            if not asset.front_matter:
                routes[asset.relative_path] = Route("file", file=asset.path, root=theme.folder)
            elif sass.is_page(asset.relative_path):
                from .jekyll.page import read_theme_page
                page = read_theme_page(site, theme.folder, asset.relative_path, ".css")
                routes[page.output_path or ""] = Route("sass", page)
    for entry in site.entries:
        if entry.kind == "static":
            routes[entry.output_path] = Route("file", file=site.root / entry.relative_path,
                                              root=site.root)
        elif sass.is_page(entry.relative_path):
            routes[entry.output_path] = Route("sass", site.read_entry(entry))
        else:
            page = site.read_entry(entry)
            routes[entry.output_path] = Route("page", page)
            for copy in paginate.copies(site, page):
                routes[copy.output_path or ""] = Route("page", copy)
    for post in site.all_posts:
        if post.output_path is not None and post.skip_reason(site) is None:
            routes[post.output_path] = Route("page", post)
    return routes


def find(state: _State, path: str) -> Route | None:
    """The route for a request path, as `jekyll serve` resolves it: the file itself, a
    folder's index.html, or the page without its `.html`."""
    clean = posixpath.normpath("/" + urllib.parse.unquote(path)).lstrip("/")
    if path.endswith("/") and clean:
        clean += "/"
    if state.base:
        if clean != state.base and not clean.startswith(state.base + "/"):
            return None
        clean = clean[len(state.base) + 1:]
    candidates = [clean] if clean and not clean.endswith("/") else []
    candidates += [f"{clean}index.html" if clean.endswith("/") or not clean
                   else f"{clean}/index.html", f"{clean}.html"]
    return next((state.routes[c] for c in candidates if c in state.routes), None)


def watch(root: Path, changed: Callable[[], None], stop: threading.Event) -> None:
    """Call `changed` whenever a file of the site is added, removed or saved."""
    last = _signature(root)
    while not stop.wait(POLL_SECONDS):
        now = _signature(root)
        if now != last:
            last = now
            changed()


def _signature(root: Path) -> frozenset[tuple[str, int, int]]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _UNWATCHED]
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found.append((path, info.st_mtime_ns, info.st_size))
    return frozenset(found)


class Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass `serve` makes
    server_version = "notelint"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a request is not news; problems are said on the page and in the panel

    def do_GET(self) -> None:
        try:
            self._get()
        except OSError:
            return  # the browser went away mid-answer
        except Exception as exc:  # a bug must not print a traceback in the user's terminal
            message = f"notelint: internal error on {self.path}: {type(exc).__name__}: {exc}"
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, _TEXT, message.encode())

    def _get(self) -> None:
        address = urllib.parse.urlsplit(self.path)
        if address.path == EVENTS:
            self._events()
            return
        if address.path == FINDINGS:
            query = urllib.parse.parse_qs(address.query)
            with self.preview.rendering:
                found = _findings(self.preview, query.get("source", [""])[0])
            self._send(HTTPStatus.OK, "application/json", found)
            return
        state = self.preview.state()
        route = find(state, address.path)
        if route is None and address.path.rstrip("/") == "" and state.base:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", f"/{state.base}/")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if route is None:
            status, route = HTTPStatus.NOT_FOUND, state.routes.get("404.html")
            if route is None:
                self._send(status, _HTML, _not_found(address.path).encode())
                return
        body, kind = self._answer(state, route)
        self._send(status, kind, body)

    def _answer(self, state: _State, route: Route) -> tuple[bytes, str]:
        if route.kind == "file":
            assert route.file is not None and route.root is not None
            try:
                data = sitefs.read_bytes(route.file, route.root)
            except OSError as exc:
                return f"notelint: {exc.strerror or exc}".encode(), _TEXT
            return data, _content_type(route.file.name)
        assert route.post is not None
        with self.preview.rendering:
            if route.kind == "sass":
                return _stylesheet(state, route.post), _CSS
            return _page(self.preview, state, route.post)

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            while True:
                now = self.preview.wait(seen, 15)
                # The current generation at once, then each new one; a comment keeps the
                # connection open through idle proxies.
                self.wfile.write(f"data: {now}\n\n".encode() if now != seen else b": idle\n\n")
                self.wfile.flush()
                seen = now
        except OSError:
            return  # the page went away


def _page(preview: Preview, state: _State, post: Post) -> tuple[bytes, str]:
    from .render.jobs import RenderOptions, is_html, render_job
    job = render_job(state.renderer, post, RenderOptions(layouts=True))
    if job.failed:
        # Jekyll stops on this page: say why where the page would be.
        problems = "".join(f"<li>{html.escape(m)}</li>" for m in job.messages)
        job = dataclasses.replace(job, html=(
            f"<!DOCTYPE html><html><head><title>Not published</title></head><body>"
            f"<p>The build stops on this page:</p><ul>{problems}</ul></body></html>"))
    if not is_html(post):
        return job.html.encode(), _content_type(post.output_path or "", _TEXT)
    source = post.path.relative_to(state.site.root).as_posix()
    return _with_panel(job.html, source, preview.generation).encode(), _HTML


def _stylesheet(state: _State, page: Post) -> bytes:
    from .render.assets import stylesheet
    try:
        return stylesheet(state.renderer, page).css.encode()
    except sass.SassError as exc:
        problem = str(exc)
    # Shown where the stylesheet would apply, as `jekyll serve` would stop on it.
    text = json.dumps(f"notelint: {page.relative_path}: {problem}")
    return f"body::before {{ content: {text}; display: block; color: #b00; }}".encode()


def _findings(preview: Preview, source: str) -> bytes:
    from .engine import CheckOptions, check_paths
    state = preview.state()
    path = state.site.root / source
    if not source or not sitefs.is_inside(path, state.site.root) or not path.is_file():
        return b"[]"
    result = check_paths([path], CheckOptions(config_file=preview.config_file,
                                              offline=True))
    return json.dumps([{"line": d.start.line if d.start else 1,
                        "column": d.start.column if d.start else 1, "code": d.code,
                        "severity": d.severity.value, "message": d.message}
                       for d in result.diagnostics], indent=0).encode()


_PANEL = """<div id="notelint-panel" data-source="{source}" style="position:fixed;right:12px;
bottom:12px;z-index:2147483647;max-width:36em;max-height:40vh;overflow:auto;padding:8px 12px;
background:#fffdf5;color:#222;border:1px solid #d9a400;border-radius:6px;
font:13px/1.45 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.2)">
<strong>notelint</strong> <span id="notelint-status">checking {shown}&hellip;</span>
<ul id="notelint-findings" style="margin:4px 0 0;padding-left:1.2em"></ul></div>
<script>(function () {{
  var generation = "{generation}";
  var panel = document.getElementById("notelint-panel");
  var source = panel.getAttribute("data-source");
  fetch("{findings}?source=" + encodeURIComponent(source)).then(function (r) {{
    return r.json();
  }}).then(function (found) {{
    var list = document.getElementById("notelint-findings");
    document.getElementById("notelint-status").textContent = found.length ?
      found.length + (found.length > 1 ? " problems" : " problem") + " in " + source :
      "no problems in " + source;
    found.forEach(function (d) {{
      var item = document.createElement("li");
      item.className = "notelint-finding";
      item.textContent = d.line + ":" + d.column + " " + d.code + " " + d.message;
      list.appendChild(item);
    }});
  }});
  new EventSource("{events}").onmessage = function (event) {{
    if (event.data !== generation) location.reload();
  }};
}})();</script>
"""


def _with_panel(page: str, source: str, generation: int) -> str:
    panel = _PANEL.format(source=html.escape(source), shown=html.escape(source),
                          generation=generation, findings=FINDINGS, events=EVENTS)
    at = page.lower().rfind("</body>")
    return page[:at] + panel + page[at:] if at >= 0 else page + panel


def _not_found(path: str) -> str:
    return (f"<!DOCTYPE html><title>Not found</title><p>notelint: nothing is published at "
            f"<code>{html.escape(path)}</code>.</p>")


def serve(root: Path, host: str, port: int, config_file: Path | None,
          ready: Callable[[str], None]) -> None:
    """Serve the site at `root` until interrupted; `ready` gets the address once the site
    is read and the server listens."""
    preview = Preview(root, config_file)
    handler = type("SiteHandler", (Handler,), {"preview": preview})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(root, preview.changed, stop), daemon=True)
    try:
        preview.state()
        watcher.start()
        name, bound = server.server_address[:2]
        base = preview.state().base
        ready(f"http://{name}:{bound}/{base + '/' if base else ''}")
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()

