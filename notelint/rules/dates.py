"""NL201-NL207, NL210: dates, and whether Jekyll publishes the post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Finding, Fix, Position, Severity
from ..jekyll.dates import format_ruby, impossible_day, iso_day, names_instant
from ..jekyll.post import Post, permalink_template, urls_for_dates
from ..jekyll.site import Site
from ..jekyll.urls import PermalinkError, date_placeholders, placeholder_names
from ._registry import RuleContext, rule

_ABORT = "Jekyll will stop the build"


def _date_position(post: Post, ctx: RuleContext[object]) -> Position:
    return ctx.key_position(post, "date")


@rule("NL201", "future-date", Severity.WARNING)
def future_date(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The post is dated in the future, so Jekyll will not publish it yet.

    ## Why
    Jekyll skips posts dated after the moment of the build (`Skipping: ... has a future
    date`) unless `future: true` is set in `_config.yml`. The date that counts is the
    front-matter `date:` when there is one, else the file name's.

    ## Bad
    ```markdown
    ---
    layout: post
    title: Next year
    date: 2999-01-01
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    title: Last year
    date: 2020-01-01
    ---
    ```
    """
    site = ctx.site
    if post.draft or post.date is None or post.fatal or site.future or not post.read_ok:
        return
    if post.date > site.time:
        yield Finding(_date_position(post, ctx), f"dated {format_ruby(post.date)}, after "
                      "the build time: Jekyll will skip this post until then (unless "
                      "`future: true`)")


@rule("NL202", "invalid-date", Severity.ERROR)
def invalid_date(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """Jekyll cannot parse the `date:` value, which stops the whole build.

    ## Why
    Jekyll reads dates with Ruby's lenient `Time.parse`, yet values such as `not a date`,
    `2020-13-01`, a bare year `2020` or an hour 25 make it abort with `Invalid date '...':
    Document '...' does not have a valid date in the YAML front matter`. Nothing is built.

    ## Bad
    ```markdown
    ---
    layout: post
    date: 2020-03-04 25:00:00
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    date: 2020-03-04 23:00:00
    ---
    ```
    """
    problem = post.date_problem
    if problem is None or problem.where == "filename" or problem.text == "":
        return
    if problem.where == "front matter defaults":
        yield Finding(Position(1, 1), f"the date '{problem.text}' from `defaults:` in the site "
                      f"configuration is not a date; {_ABORT}")
        return
    yield Finding(_date_position(post, ctx), f"'{problem.text}' is not a date Jekyll can read; "
                  f"{_ABORT} (use YYYY-MM-DD HH:MM:SS +ZZZZ)")


@rule("NL203", "empty-date", Severity.ERROR)
def empty_date(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`date:` is present but empty, which stops the whole build.

    ## Why
    An empty `date:` is not "no date": Jekyll tries to parse the empty text and aborts with
    `Invalid date ''`. Remove the key to use the file name's date, or give a date.

    ## Bad
    ```markdown
    ---
    layout: post
    date:
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    date: 2024-01-05
    ---
    ```
    """
    problem = post.date_problem
    if problem is not None and problem.where != "filename" and problem.text == "":
        yield Finding(_date_position(post, ctx), f"`date:` is empty; {_ABORT} (`Invalid date "
                      "''`): remove the key or give a date")


@rule("NL204", "invalid-filename-date", Severity.ERROR)
def invalid_filename_date(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The date in the file name is impossible, which stops the whole build.

    ## Why
    A file under `_posts` named like `2020-13-45-title.md` matches Jekyll's post pattern, but
    month 13 does not exist: unless the front matter gives a `date:`, Jekyll aborts with
    `does not have a valid date in the filename`.

    ## Bad
    ```markdown
    ==> _posts/2020-13-45-bad.md <==
    ---
    layout: post
    ---
    ```

    ## Good
    ```markdown
    ==> _posts/2020-12-15-good.md <==
    ---
    layout: post
    ---
    ```
    """
    problem = post.date_problem
    if problem is not None and problem.where == "filename":
        yield Finding(Position(1, 1), f"the file name's date '{problem.text}' is not a real "
                      f"date; {_ABORT}")


@rule("NL205", "impossible-day", Severity.WARNING)
def impossible_day_rule(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The date names a day the month does not have; Jekyll silently moves it.

    ## Why
    Ruby accepts days up to 31 in any month and rolls the surplus over: `2020-02-30`
    becomes March 1st, and the URL says `2020/03/01`. No warning is printed.

    ## Bad
    ```markdown
    ---
    layout: post
    date: 2021-02-29
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    date: 2021-02-28
    ---
    ```
    """
    if post.date is None or post.fatal:
        return
    node = post.front_matter.value_node("date") if post.read_ok else None
    if node is not None and isinstance(node.value, str) and impossible_day(node.value):
        yield Finding(_date_position(post, ctx), f"'{node.value}' is not a real day; Jekyll "
                      f"will silently date this post {iso_day(post.date)}")
    elif node is None and post.name.date and impossible_day(post.name.date):
        yield Finding(Position(1, 1), f"the file name's date '{post.name.date}' is not a real "
                      f"day; Jekyll will silently date this post {iso_day(post.date)}")


@rule("NL206", "date-mismatch", Severity.WARNING)
def date_mismatch(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The front-matter date falls on another day than the file name's date.

    ## Why
    When the front matter has a `date:`, Jekyll ignores the file name's date entirely,
    including for the URL. A post named `2018-12-22-x.md` with `date: 2021-05-22` is
    published under `/2021/05/22/`. A time-zone offset can also move the day: the day that
    counts is the one in the site's time zone.

    ## Bad
    ```markdown
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    date: 2024-01-09
    ---
    ```

    ## Good
    ```markdown
    ==> _posts/2024-01-05-example.md <==
    ---
    layout: post
    date: 2024-01-05 10:00:00
    ---
    ```

    ## Fix
    Unsafe: the file is renamed to the front matter's day, which keeps the URL the post is
    published at; `{% post_url %}` tags that name the old file must be changed by hand
    (NL602 finds them).
    """
    named, own = post.filename_date, post.front_matter_date
    if post.fatal or named is None or own is None or named.value is None or own.value is None:
        return
    if named.value.date() != own.value.date():
        yield Finding(_date_position(post, ctx), f"the date is {iso_day(own.value)} in the site's "
                      f"time zone but the file name says {iso_day(named.value)}; Jekyll uses "
                      f"{iso_day(own.value)} (URL {post.url})",
                      fix=_rename_to_day(post, iso_day(own.value)))


def _rename_to_day(post: Post, day: str) -> Fix | None:
    name = post.name.dated(day)
    if post.path.with_name(name).exists():
        return None
    return Fix(f"rename the file to {name}", rename=name, safe=False)


_OFFSETS = [dt.timezone(dt.timedelta(hours=h)) for h in range(-12, 15)]
_UTC = _OFFSETS[12]
_TIME_PLACEHOLDERS = frozenset({"hour", "minute", "second"})
_DATE_PLACEHOLDERS = frozenset(date_placeholders(dt.datetime(2000, 1, 1)))


@rule("NL207", "timezone-dependent-url", Severity.INFO, scope="site")
def timezone_dependent_url(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """The post's URL depends on the time zone of the machine that builds the site.

    ## Why
    A date with a time (`2023-06-01 16:30:00`: YAML reads it as UTC) or with an offset is
    an instant; Jekyll writes the URL in the site's time zone, which is `timezone:` in
    `_config.yml` or, without it, the build machine's. Built in UTC the post above is at
    `/2023/06/01/`, built in Shanghai at `/2023/06/02/`, so links break when the build moves.
    Set `timezone:` to fix the URL once and for all. As one setting is the cause, the finding
    is reported once, on `_config.yml`, with the number of posts affected (on each post when
    the site has no `_config.yml`).

    ## Bad
    ```markdown
    ---
    layout: post
    date: 2023-06-01 23:30:00
    ---
    ```

    ## Good
    ```markdown
    ==> _config.yml <==
    timezone: Europe/Paris
    ==> _posts/2023-06-01-example.md <==
    ---
    layout: post
    date: 2023-06-01 23:30:00
    ---
    ```
    """
    if site.config.get("timezone") is not None:
        return
    moved = [(post, found) for post in site.all_posts
             if (found := _zone_dependent(post, site)) is not None]
    if site.config.path is None:
        for post, (in_utc, zone, elsewhere) in moved:
            yield Finding(_date_position(post, ctx), "the URL depends on the build machine's "
                          f"time zone: {in_utc} when built in UTC, {elsewhere} in "
                          f"UTC{_offset(zone)}; set `timezone:` in _config.yml",
                          path=str(post.path))
        return
    if moved:
        post, (in_utc, zone, elsewhere) = moved[0]
        count = f"{len(moved)} posts" if len(moved) > 1 else "1 post"
        yield Finding(Position(1, 1), f"no `timezone:`, so the URLs of {count} depend on the "
                      f"build machine's time zone (as {post.relative_path}: {in_utc} when built "
                      f"in UTC, {elsewhere} in UTC{_offset(zone)}); set `timezone:` here",
                      path=str(site.config.path))


def _zone_dependent(post: Post, site: Site) -> tuple[str, dt.tzinfo, str] | None:
    """(URL in UTC, a time zone, the URL there) when the post's URL depends on the zone."""
    if post.fatal or post.url is None:
        return None
    result = post.front_matter_date
    if result is None or result.value is None \
            or not names_instant(post.front_matter.mapping.get("date")):
        return None
    # Whole-hour offsets move the day and the hour only, and the URL shows only the date
    # parts its permalink names: the URL is built again only for a zone where those differ.
    used = placeholder_names(permalink_template(post, site))
    try:
        utc = result.value.astimezone(_UTC)
        shown = _shown(utc, used)
        for zone in _OFFSETS:
            local = result.value.astimezone(zone)
            if _shown(local, used) != shown:
                in_utc, elsewhere = urls_for_dates(post, site, [utc, local])
                if elsewhere != in_utc:
                    return in_utc, zone, elsewhere
    except (PermalinkError, OverflowError):
        return None
    return None


def _shown(date: dt.datetime, used: set[str]) -> tuple[object, ...]:
    """What of `date` a permalink naming the placeholders `used` shows."""
    if not used & _DATE_PLACEHOLDERS:
        return ()
    return (date.date(), date.hour) if used & _TIME_PLACEHOLDERS else (date.date(),)


def _offset(zone: dt.tzinfo) -> str:
    delta = zone.utcoffset(None) or dt.timedelta(0)
    hours = int(delta.total_seconds() // 3600)
    return f"{hours:+d}" if hours else ""


@rule("NL210", "unpublished", Severity.INFO)
def unpublished(post: Post, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`published: false` (or an empty `published:`) keeps the post out of the site.

    ## Why
    Only the boolean `false` and an empty value unpublish: `published: "false"` (a string)
    and `published: no`'s cousin `published: "no"` still publish. This note makes an
    unpublished post visible in the report.

    ## Bad
    ```markdown
    ---
    layout: post
    published:
    ---
    ```

    ## Good
    ```markdown
    ---
    layout: post
    published: true
    ---
    ```
    """
    if ctx.site.unpublished or not post.read_ok or "published" not in post.data:
        return
    value = post.data["published"]
    if value is False:
        yield Finding(ctx.key_position(post, "published"), "`published: false`: Jekyll will "
                      "not publish this post")
    elif value is None:
        yield Finding(ctx.key_position(post, "published"), "`published:` has no value, which "
                      "Jekyll treats as false: this post will not be published")
