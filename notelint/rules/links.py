"""NL501-NL512: links, images and other URLs of a post, as they will work once published."""

from __future__ import annotations

import dataclasses
import re
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from .. import sitefs
from ..diagnostics import Finding, Fix, Severity
from ..jekyll.post import Post
from ..linkcheck.internal import malformation
from ..linkcheck.outcome import Outcome, Summary
from ._facts import Link, SiteFacts
from ._link_edits import replace_url, trim_text
from ._registry import RuleContext, rule

_IMAGE_TAGS = frozenset({"img", "source"})
_NOUN = {"a": "link", "area": "link", "img": "image", "source": "image", "link": "stylesheet",
         "script": "script", "iframe": "frame", "video": "video", "audio": "audio",
         "track": "track", "embed": "embed", "object": "object", "input": "image"}


def _links(post: Post, ctx: RuleContext[object], *kinds: str,
           once: bool = False) -> Iterator[Link]:
    """The post's links of these kinds; `once`: for a rule that also checks layouts and
    includes, not those an include of the site writes as they are (judged there, once)."""
    if post.read_error is not None or post.fatal:
        return
    facts = SiteFacts.of(ctx)
    for link in facts.links(post).links:
        if link.kind in kinds and not ctx.settings.links.excluded(link.ref.url) and \
                not (post.is_layout and _depends_on_page(link, post)) and \
                not (once and _written_by_include(link, post, facts)):
            yield link


_INCLUDE_TAG = re.compile(r"include\s+([^\s%}]+)")


def _written_by_include(link: Link, post: Post, facts: SiteFacts) -> bool:
    """A link the post's `{% include %}` writes, which the include holds as it is (not made
    from the page or the include's parameters): its own check reports it, once."""
    if link.length or post.is_layout:
        return False
    tag = _INCLUDE_TAG.match(post.text, link.offset)
    if tag is None:
        return False
    path = sitefs.join_inside(facts.site.folder("includes_dir", "_includes"), tag.group(1))
    text = facts.template_text(path) if path is not None else None
    if text is None:
        return False
    parts = urllib.parse.urlsplit(link.ref.url.strip())
    page_independent = bool(parts.scheme or parts.netloc or parts.path.startswith("/"))
    return page_independent and bool(parts.path) and parts.path in text


def _depends_on_page(link: Link, layout: Post) -> bool:
    """A link of a layout that cannot be judged once for every page using it: relative to
    the page, or with a path that Liquid makes (`/commits/{{ page.path }}`), not written in
    the layout (`{{ '/about/' | relative_url }}` is)."""
    parts = urllib.parse.urlsplit(link.ref.url.strip())
    if not parts.scheme and not parts.netloc and not parts.path.startswith("/"):
        return True
    written = layout.text[link.offset:link.offset + link.length]
    return not link.length or not parts.path or parts.path not in written


_IMAGES = frozenset({"img", "source"})
_ASSETS = frozenset({"script", "link"})


def _noun(link: Link) -> str:
    if link.ref.attr == "poster":
        return "poster image"
    return _NOUN.get(link.ref.tag, "link")


def _finding(link: Link, message: str, fix: Fix | None = None) -> Finding:
    return Finding(link.start, message, link.end if link.end != link.start else None, fix)


def _page_url(post: Post) -> str:
    return post.url or "/"


@rule("NL501", "link-target-missing", Severity.ERROR, pages=True, layouts=True)
def link_target_missing(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A link, image or other URL leads to nothing the site publishes.

    ## Why
    Jekyll builds the page anyway and the reader gets a 404. notelint resolves each URL as
    the browser will, against the post's published URL (so `img.png` next to a post with a
    pretty permalink is looked for *inside* the post's folder), then looks it up among
    everything the site publishes: posts at their permalinks, pages, collection documents
    and static files, with `dir/` served as `dir/index.html` and `page` as `page.html`.
    URLs are case-sensitive, as on the Linux servers that host most blogs.

    ## Bad
    ```markdown
    ==> _posts/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    See [the first post](/2024/01/04/frist.html).
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    See [the first post](/2024/01/04/first.html).
    ```
    """
    facts = SiteFacts.of(ctx)
    urls = facts.urls
    rewritten = facts.layout_rewrites_images(post)
    for link in _links(post, ctx, "internal", once=True):
        path = urllib.parse.urlsplit(link.ref.url.strip()).path
        if not path and "://" not in link.ref.url:
            continue  # `#fragment` or `?query` alone: this page
        found = urls.resolve(link.ref.url, _page_url(post), post.relative_path)
        if rewritten and link.ref.tag in _IMAGES:
            continue  # the layout may rewrite image URLs (an `img_path`, the baseurl)
        if link.ref.tag in _ASSETS and ctx.site.builds_assets:
            continue  # its own build (webpack, npm, ...) may write scripts and stylesheets
        if found.status in ("missing", "unpublished"):
            why = found.hint or f"nothing is published at {urls.baseurl}{found.path}"
            yield _finding(link, f"{_noun(link)} {link.ref.url} is broken: {why}")


@rule("NL502", "fragment-missing", Severity.WARNING, pages=True, layouts=True)
def fragment_missing(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A `#fragment` names no element of the page it points to.

    ## Why
    The page opens at its top instead of the section the reader was sent to. notelint
    knows the ids the page will have: kramdown's header ids (GFM style), `{#id}` and IAL ids,
    footnote ids (`fn:1`, `fnref:1`), `id` and `name` attributes in the post's HTML and
    in its layouts. `#top` and an empty `#` are always fine.

    ## Bad
    ```markdown
    ## Installing

    Read [the steps](#instaling) first.
    ```

    ## Good
    ```markdown
    ## Installing

    Read [the steps](#installing) first.
    ```
    """
    facts = SiteFacts.of(ctx)
    own = facts.links(post).ids if post.read_error is None and not post.fatal else frozenset()
    for link in _links(post, ctx, "internal", once=True):
        parts = urllib.parse.urlsplit(link.ref.url.strip())
        fragment = urllib.parse.unquote(parts.fragment)
        if not fragment or fragment.lower() == "top" or fragment.startswith((":~:", "!")) \
                or "=" in fragment or "/" in fragment:
            continue  # text fragments, `#page=2`, client-side routes: not element ids
        if not parts.path and not parts.netloc:
            ids, where = own, "this post"
        else:
            found = facts.urls.resolve(link.ref.url, _page_url(post), post.relative_path)
            if found.status not in ("ok", "no-baseurl") or found.target is None:
                continue  # NL501 or NL503 reports the page itself
            where = f"{facts.urls.baseurl}{found.path}"
            target = found.target
            if isinstance(target, Post) and target is not post and \
                    ctx.site.by_path.get(target.file) is target:
                # Another post, maybe rendered in another process: the engine judges the
                # finding once every post's ids are known.
                yield dataclasses.replace(_missing_id(link, fragment, where), unless_id=(
                    target.file, (fragment, parts.fragment)))
                continue
            ids = facts.target_ids(target)
            if ids is None:
                continue
        if fragment not in ids and parts.fragment not in ids:
            yield _missing_id(link, fragment, where)


def _missing_id(link: Link, fragment: str, where: str) -> Finding:
    return _finding(link, f"{_noun(link)} {link.ref.url}: {where} has no element with id "
                    f"\"{fragment}\"")


@rule("NL513", "fragment-ambiguous", Severity.INFO, group="style", pages=True)
def fragment_ambiguous(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A `#fragment` names a heading whose text another heading of the page repeats.

    ## Why
    kramdown gives two headings with the same text different ids: the first gets
    `#setup`, the next `#setup-1`, then `#setup-2`. A link to `#setup` always opens the
    first one; if it was meant for a later one, it needs that one's numbered id (or give
    the headings ids of their own with `{#id}`).

    ## Bad
    ```markdown
    ## Setup
    On Linux.

    ## Setup
    On macOS: see [the macOS setup](#setup).
    ```

    ## Good
    ```markdown
    ## Setup
    On Linux.

    ## Setup
    On macOS: see [the macOS setup](#setup-1).
    ```
    """
    if post.read_error is not None or post.fatal:
        return
    renamed: dict[str, list[str]] = {}
    for base, ident in SiteFacts.of(ctx).links(post).renamed_ids:
        renamed.setdefault(base, []).append(ident)
    if not renamed:
        return
    for link in _links(post, ctx, "internal"):
        url = link.ref.url.strip()
        fragment = urllib.parse.unquote(url[1:]) if url.startswith("#") else ""
        if fragment in renamed:
            others = ", ".join(f"#{i}" for i in renamed[fragment])
            yield _finding(link, f"#{fragment} opens the first heading with this text; the "
                           f"page has later ones with the same text, at {others}")


@rule("NL503", "link-without-baseurl", Severity.ERROR, pages=True, layouts=True)
def link_without_baseurl(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A site-absolute link leaves out the site's `baseurl`.

    ## Why
    With `baseurl: /blog` every page lives under `/blog/`; a link written as
    `/2024/01/04/first.html` works nowhere (not even in `jekyll serve`). Jekyll adds the
    baseurl only through `relative_url`, `absolute_url`, `post_url` and `link`.

    ## Bad
    ```markdown
    ==> _config.yml <==
    baseurl: /blog
    ==> _posts/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    See [the first post](/2024/01/04/first.html).
    ```

    ## Good
    ```markdown
    ==> _config.yml <==
    baseurl: /blog
    ==> _posts/2024-01-04-first.md <==
    First.
    ==> _posts/2024-01-05-example.md <==
    See [the first post]({% post_url 2024-01-04-first %}).
    ```
    """
    facts = SiteFacts.of(ctx)
    urls = facts.urls
    rewritten = facts.layout_rewrites_images(post)
    for link in _links(post, ctx, "internal", once=True):
        if rewritten and link.ref.tag in _IMAGES:
            continue  # the layout may add the baseurl to images itself
        found = urls.resolve(link.ref.url, _page_url(post), post.relative_path)
        if found.status == "no-baseurl":
            # GitHub Pages' Jekyll 3.10: post_url and link do not add the baseurl.
            tags = " (post_url and link do not add it on GitHub Pages)" \
                if ctx.site.build.github_pages else ", or use post_url or link"
            yield _finding(link, f"{_noun(link)} {link.ref.url} leaves out the baseurl "
                           f"{urls.baseurl}: the published file is at "
                           f"{urls.baseurl}{found.path} (write {{{{ '{found.path}' | "
                           f"relative_url }}}}{tags})")


@rule("NL504", "empty-link", Severity.WARNING, pages=True)
def empty_link(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A link or image has an empty URL.

    ## Why
    `[text]()` or `href=""` reloads the same page: usually a link whose URL was never filled
    in. Only a URL written empty is reported: one that Liquid writes (`{{ site.github.url }}`)
    may be empty to notelint and not in the real build.

    ## Bad
    ```markdown
    Read [the paper]() first.
    ```

    ## Good
    ```markdown
    Read [the paper](https://example.org/paper.pdf) first.
    ```
    """
    # Only a URL written empty: one that Liquid writes may be empty here and not in the
    # real build (`{{ site.github.url }}` without the network, a tag that failed and stops
    # the build, which NL602 or NL606 report).
    lines = post.text.splitlines()
    for link in _links(post, ctx, "empty"):
        line = lines[link.start.line - 1] if 0 < link.start.line <= len(lines) else ""
        if link.length and "{{" not in line and "{%" not in line:
            yield _finding(link, f"{_noun(link)} has an empty URL")


@rule("NL505", "javascript-link", Severity.WARNING, group="style", pages=True)
def javascript_link(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A link runs JavaScript (`javascript:`) instead of going somewhere.

    ## Why
    It does nothing without JavaScript, cannot be opened in a new tab, is blocked by strict
    content security policies, and is often left over from a copied snippet.

    ## Bad
    ```markdown
    <a href="javascript:void(0)">Show the answer</a>
    ```

    ## Good
    ```markdown
    <details><summary>Show the answer</summary>42</details>
    ```
    """
    for link in _links(post, ctx, "javascript"):
        yield _finding(link, f"{_noun(link)} uses a javascript: URL")


@rule("NL506", "malformed-url", Severity.ERROR, pages=True)
def malformed_url(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A URL is malformed (a space, a bad `%` escape, a backslash, no host).

    ## Why
    The checks: whitespace, a `%` not followed by two hex digits, a backslash, no host after
    `https://`, a port that is not a number.
    Browsers guess at such URLs, differently from each other and from servers; the link
    works by accident or not at all. Write spaces as `%20` and `%` as `%25`.

    ## Bad
    ```markdown
    The [slides](/files/talk slides.pdf) and the [100% guide](/guide/100%.html).
    ```

    ## Good
    ```markdown
    The [slides](/files/talk%20slides.pdf) and the [100% guide](/guide/100%25.html).
    ```
    """
    for link in _links(post, ctx, "malformed"):
        yield _finding(link, f"{_noun(link)} URL {link.ref.url!r} is malformed: "
                       f"{malformation(link.ref.url)}")


@rule("NL507", "insecure-link", Severity.INFO, group="style", pages=True)
def insecure_link(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A link or resource uses `http://` where `https://` is the norm.

    ## Why
    Browsers mark plain-HTTP pages as not secure, and block `http://` images, scripts and
    frames on an `https://` page (mixed content). Most sites answer on `https://` too.

    ## Bad
    ```markdown
    See [the manual](http://example.org/manual/).
    ```

    ## Good
    ```markdown
    See [the manual](https://example.org/manual/).
    ```
    """
    for link in _links(post, ctx, "external", "internal"):
        if link.ref.url.strip().lower().startswith("http://"):
            blocked = link.ref.tag != "a" and link.ref.tag != "area"
            tail = " (browsers block it on an https:// page)" if blocked else ""
            yield _finding(link, f"{_noun(link)} {link.ref.url} uses http://{tail}")


@rule("NL508", "image-without-alt", Severity.WARNING, group="a11y", pages=True)
def image_without_alt(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """An image has no alternative text.

    ## Why
    Screen readers read out the file name, search engines see nothing, and a reader whose
    image fails to load gets no hint of what was there. In Markdown the alt text goes in the
    brackets, `![a cat on a desk](cat.jpg)`. In HTML, `alt=""` marks a purely decorative
    image on purpose and is accepted.

    ## Bad
    ```markdown
    ![](https://example.org/cat.jpg)
    ```

    ## Good
    ```markdown
    ![A cat asleep on a keyboard](https://example.org/cat.jpg)
    ```
    """
    if post.read_error is not None or post.fatal:
        return
    for link in SiteFacts.of(ctx).links(post).links:
        if link.ref.tag != "img" or link.ref.attr != "src":
            continue
        alt = link.ref.alt
        if alt is None:
            yield _finding(link, f"image {link.ref.url} has no alt attribute")
        elif not alt.strip() and link.form == "markdown":
            yield _finding(link, f"image {link.ref.url} has empty alt text (write it "
                           "between the brackets)")


@rule("NL509", "link-text-whitespace", Severity.INFO, group="style", pages=True)
def link_text_whitespace(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """A link's text starts or ends with whitespace.

    ## Why
    The space is part of the link: it shows as an underlined gap before or after the words,
    and the space that should separate the link from the text around it goes missing.

    ## Bad
    ```markdown
    Read [ the guide ](https://example.org/guide) first.
    ```

    ## Good
    ```markdown
    Read [the guide](https://example.org/guide) first.
    ```

    ## Fix
    Safe: the whitespace moves out of an inline Markdown link or an HTML `<a>` (a space
    is kept between the link and a word next to it).
    """
    if post.read_error is not None or post.fatal:
        return
    for link in SiteFacts.of(ctx).links(post).links:
        text = link.ref.text
        if link.ref.tag != "a" or not text or not text.strip():
            continue
        edges = [e for e in (text[:len(text) - len(text.lstrip())],
                             text[len(text.rstrip()):]) if e]
        if link.form != "markdown" and all("\n" in e for e in edges):
            continue  # HTML laid out over lines (`<a ...>⏎  text⏎</a>`): layout, not text
        if text != text.strip():
            where = " and ".join(w for w, ok in (("starts", text[0].isspace()),
                                                 ("ends", text[-1].isspace())) if ok)
            yield _finding(link, f"the text of link {link.ref.url} {where} with whitespace: "
                           f"{text!r}", trim_text(post.text, link))


# -- external links -------------------------------------------------------------------------

def _external(ctx: RuleContext[object]) -> dict[str, Outcome]:
    """Every external URL of the posts being checked, checked once (or read from cache)."""
    facts = SiteFacts.of(ctx)
    if facts.external is not None:
        return facts.external
    settings = ctx.settings.links
    facts.external, summary = {}, Summary()
    facts.external_summary = summary
    if not settings.external:
        return facts.external
    wanted: set[str] = set()
    for post in ctx.posts:
        for link in _links(post, ctx, "external"):
            url = urllib.parse.urldefrag(link.ref.url.strip()).url
            if settings.included(url):
                wanted.add(url)
            else:
                summary.skipped += 1
    from ..linkcheck.cache import LinkCache
    cache = LinkCache(_cache_folder(ctx), settings.lifetimes) if settings.cache else None
    now = time.time()
    results: dict[str, Outcome] = {}
    todo = []
    for url in sorted(wanted):
        cached = cache.get(url, now) if cache is not None else None
        if cached is not None:
            results[url] = cached
            summary.cached += 1
        else:
            todo.append(url)
    if todo:
        from ..linkcheck.external import ExternalChecker, network_down
        checker = ExternalChecker(settings, transport=settings.transport)
        fresh = checker.check(todo, settings.progress)
        summary.requests += checker.requests
        if network_down(fresh):
            summary.network_down = True
            summary.skipped += len(fresh)
        else:
            summary.checked += len(fresh)
            results.update(fresh)
            if cache is not None:
                for url, outcome in fresh.items():
                    cache.put(url, outcome, now)
    if cache is not None:
        summary.cache_problem = cache.save() or ""
    for outcome in results.values():
        summary.count(outcome)
    facts.external = results
    return results


def _cache_folder(ctx: RuleContext[object]) -> Path:
    folder = Path(ctx.settings.links.cache_dir)
    return folder if folder.is_absolute() else ctx.site.root / folder


def _external_findings(post: Post, ctx: RuleContext[object], kind: str) -> Iterator[Finding]:
    results = _external(ctx)
    for link in _links(post, ctx, "external"):
        outcome = results.get(urllib.parse.urldefrag(link.ref.url.strip()).url)
        if outcome is None or outcome.kind != kind:
            continue
        if kind == "redirected":
            fix = replace_url(post.text, link, outcome.target) if outcome.target else None
            yield _finding(link, f"{_noun(link)} {link.ref.url} redirects permanently to "
                           f"{outcome.target}", fix)
        else:
            yield _finding(link, f"{_noun(link)} {link.ref.url} is broken: {outcome.reason}"
                           if kind == "broken" else
                           f"{_noun(link)} {link.ref.url} could not be checked: "
                           f"{outcome.reason}")


@rule("NL510", "external-link-broken", Severity.ERROR, pages=True)
def external_link_broken(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """An external link answers 404 Not Found or 410 Gone.

    ## Why
    The page was moved or deleted. Checked only with `--external` (or `external = true`
    under `[links]`); results are cached (see Configuration), so a rerun within a day does
    not ask again.

    ## Bad
    ```markdown
    The [announcement](https://example.org/gone) explains it.
    ```

    ## Good
    ```markdown
    The [announcement](https://example.org/page) explains it.
    ```
    """
    yield from _external_findings(post, ctx, "broken")


@rule("NL511", "external-link-error", Severity.WARNING, pages=True)
def external_link_error(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """An external link could not be checked, or answers with an error.

    ## Why
    The reasons: a 4xx or 5xx answer other than 404 and 410, a timeout, a host name that
    does not resolve, a TLS failure, a redirect loop, too many redirects.
    Often the link is dead; sometimes the server is down for the moment or refuses robots.
    The message gives the reason; failures are cached for an hour only.

    ## Bad
    ```markdown
    The [dataset](https://example.org/server-error) is public.
    ```

    ## Good
    ```markdown
    The [dataset](https://example.org/page) is public.
    ```
    """
    yield from _external_findings(post, ctx, "error")


@rule("NL512", "external-link-redirected", Severity.INFO, group="style", pages=True)
def external_link_redirected(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """An external link redirects permanently (301 or 308) to another URL.

    ## Why
    The page has a new address; the old one works today but costs the reader a round trip
    and may stop working. The message gives the target to link to instead.

    ## Bad
    ```markdown
    The [guide](https://example.org/moved) is short.
    ```

    ## Good
    ```markdown
    The [guide](https://example.org/page) is short.
    ```

    ## Fix
    Unsafe (a site sometimes redirects a page it removed to its home page): the URL, as
    written in the post, is replaced by the target the cache recorded; the fragment is kept.
    """
    yield from _external_findings(post, ctx, "redirected")
