"""NL304-NL309: where posts are published, and the site settings that decide it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from ..diagnostics import Finding, Position, Severity
from ..jekyll import urls
from ..jekyll.post import Post
from ..jekyll.site import Site
from ._registry import RuleContext, rule


def _sources(site: Site, output: str) -> list[tuple[str, Post | None]]:
    """(source path, the post or None for a page or file) of what is written to `output`."""
    return [(i.relative_path, i if isinstance(i, Post) else None)
            for i in site.by_output[output]]


@rule("NL304", "url-conflict", Severity.ERROR, scope="site")
def url_conflict(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Two posts (or a post and a page) are published at the same URL.

    ## Why
    Jekyll prints `Conflict: The following destination is shared by multiple files` and
    keeps building: the file written last wins and the other post disappears. Two posts
    with the same slug on one day, or a permalink without the date, are the usual causes.

    ## Bad
    ```markdown
    ==> _posts/2024-01-05-hello.md <==
    ---
    layout: post
    ---
    ==> _posts/2024-01-05-hello.markdown <==
    ---
    layout: post
    ---
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-05-hello.md <==
    ---
    layout: post
    ---
    ==> _posts/2024-01-06-hello.markdown <==
    ---
    layout: post
    ---
    ```
    """
    for output in sorted(o for o, items in site.by_output.items() if len(items) > 1):
        sources = _sources(site, output)
        for relative, post in sources:
            if post is None:
                continue
            others = ", ".join(r for r, _ in sources if r != relative)
            yield Finding(Position(1, 1), f"published at the same place as {others} "
                          f"(_site/{output}); Jekyll will keep only one of them",
                          path=str(post.path))


@rule("NL305", "url-case-conflict", Severity.WARNING, scope="site")
def url_case_conflict(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Two URLs differ only in letter case.

    ## Why
    `/2024/01/05/Hello.html` and `/2024/01/05/hello.html` are two files on Linux, but one
    on macOS and Windows, where one silently overwrites the other (`jekyll doctor` warns,
    `jekyll build` does not).

    ## Bad
    ```markdown
    ==> _posts/2024-01-05-Hello.md <==
    ---
    layout: post
    ---
    ==> _posts/2024-01-05-hello.md <==
    ---
    layout: post
    ---
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-05-hello.md <==
    ---
    layout: post
    ---
    ==> _posts/2024-01-05-hello-again.md <==
    ---
    layout: post
    ---
    ```
    """
    folded = Counter(output.lower() for output in site.by_output)
    groups: dict[str, list[str]] = defaultdict(list)
    for output in site.by_output:
        if folded[output.lower()] > 1:
            groups[output.lower()].append(output)
    for variants in groups.values():
        for output in variants:
            others = ", ".join(f"_site/{o}" for o in sorted(variants) if o != output)
            for _, post in _sources(site, output):
                if post is not None:
                    yield Finding(Position(1, 1), f"_site/{output} differs only in case from "
                                  f"{others}; on macOS and Windows one overwrites the other",
                                  path=str(post.path))


@rule("NL306", "permalink-unknown-placeholder", Severity.ERROR)
def permalink_unknown_placeholder(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The permalink template uses a placeholder Jekyll does not have.

    ## Why
    Jekyll aborts the build with `The URL template doesn't have foo keys`. The placeholders
    are `:year :month :day :hour :minute :second :i_day :i_month :short_year :y_day
    :short_month :long_month :week :w_year :w_day :short_day :long_day :title :slug :name
    :categories :slugified_categories :output_ext :path :collection`.

    ## Bad
    ```markdown
    ---
    layout: post
    permalink: /:year/:post_title/
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    permalink: /:year/:title/
    ---
    ```
    """
    name = post.permalink_error
    if name is None:
        return
    where = ctx.key_position(post, "permalink") if "permalink" in post.front_matter.mapping \
        else Position(1, 1)
    which = "GitHub Pages' Jekyll 3.10 does not know (Jekyll 4 added it)" \
        if ctx.site.build.github_pages and name in urls.JEKYLL4_ONLY else "Jekyll does not know"
    yield Finding(where, f"the permalink uses `:{name}`, which {which}; Jekyll will stop the "
                  "build")


@rule("NL307", "site-config-invalid", Severity.ERROR, scope="site")
def site_config_invalid(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Jekyll cannot read `_config.yml`.

    ## Why
    A YAML error in `_config.yml` stops Jekyll before it reads a single post. notelint then
    checks the posts with Jekyll's default settings, so other findings may be off too.

    ## Bad
    ```markdown
    ==> _config.yml <==
    title: My blog: notes
    ```

    ## Good
    ```markdown
    ==> _config.yml <==
    title: "My blog: notes"
    ```
    """
    for problem in site.config.problems:
        yield Finding(problem.position, problem.message, path=str(problem.path))


@rule("NL308", "unknown-timezone", Severity.WARNING, scope="site")
def unknown_timezone(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`timezone:` in `_config.yml` is not a time-zone name.

    ## Why
    Jekyll copies `timezone:` into the `TZ` environment variable; a name the system does
    not know (`EST5`, `Europe/Pariss`) silently means UTC, so dates and URLs shift. Use an
    IANA name such as `Europe/Paris` or `America/New_York`.

    ## Bad
    ```markdown
    ==> _config.yml <==
    timezone: Europe/Pariss
    ```

    ## Good
    ```markdown
    ==> _config.yml <==
    timezone: Europe/Paris
    ```
    """
    name = site.config.data.get("timezone")
    if name is None or site.timezone_valid or site.config.path is None:
        return
    where = site.config.positions.get("timezone", Position(1, 1))
    yield Finding(where, f"'{name}' is not a time-zone name; Jekyll "
                  "will build in UTC", path=str(site.config.path))



# The front matter keys a permalink placeholder's value comes from.
_KEY_OF_PLACEHOLDER = {"categories": ("category", "categories"), "title": ("slug",),
                       "slug": ("slug",)}


@rule("NL309", "output-path-invalid", Severity.ERROR)
def output_path_invalid(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The post's URL cannot be built or cannot be a file name: Jekyll stops the build.

    ## Why
    Jekyll writes each post to `_site` at its URL, decoded. A URL holding a NUL byte
    (`%00`), or with a part longer than the 255 bytes a file name can have, makes the write
    fail and the whole build stop (`path name contains null byte`, `File name too long`).
    Before that, each value put into the permalink (a category, the title) is escaped with
    Addressable, which crashes the build on a value that looks like the start of a URL it
    cannot read: `category: :news` (YAML keeps the colon) is an "ambiguous path".

    ## Bad
    ```markdown
    ---
    layout: post
    permalink: /notes/a%00b.html
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    permalink: /notes/a-b.html
    ---
    ```
    """
    crash = post.url_problem
    if crash is not None:
        key = _KEY_OF_PLACEHOLDER.get(crash.name, ())
        where = next((ctx.key_position(post, k) for k in key
                      if k in post.front_matter.mapping), Position(1, 1))
        yield Finding(where, f"the URL's `:{crash.name}` is `{crash.value}`, which Jekyll "
                      f"cannot escape into a URL (Addressable: {crash.reason}); Jekyll will "
                      "stop the build")
        return
    problem = urls.unwritable(post.output_path) if post.output_path is not None else None
    if problem is None:
        return
    where = ctx.key_position(post, "permalink") if "permalink" in post.front_matter.mapping \
        else Position(1, 1)
    yield Finding(where, f"the URL {post.url} {problem}; Jekyll will stop the build")
