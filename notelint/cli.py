"""The command line: parse, call the library, print, pick the exit code."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from . import __version__, baseline, workers
from .config import ConfigError
from .diagnostics import Report, RuleInfo, Severity
from .engine import (
    PROGRESS_POSTS,
    CheckOptions,
    CheckResult,
    InternalError,
    PathError,
    check_paths,
    display_path,
)
from .fix import FixReport, fix_paths, plan_fixes, unified_diff
from .formats import FORMATS, text
from .formats import json as json_format
from .formats.escape import visible
from .linkcheck.outcome import Summary
from .rules import RULES, find_rule, valid_selector

if TYPE_CHECKING:
    from .add_suppressions import SuppressionReport

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: Sequence[str]) -> tuple[str, ...]:
    items = tuple(item.strip() for value in values for item in value.split(",") if item.strip())
    for item in items:
        if not valid_selector(item):
            raise click.UsageError(f"no rule is called {item!r} (see `notelint rules`)")
    return items


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notelint")
def cli() -> None:
    """Check a Jekyll blog's posts exactly as Jekyll 4.3 reads them."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format (default: github under GitHub Actions, else text).")
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Write the report to this file instead of stdout.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, names, prefixes (NL2), groups (style, a11y) or "
                   "ALL, comma-separated.")
@click.option("--extend-select", multiple=True, metavar="RULES",
              help="These rules as well as the selected ones (e.g. style, a11y).")
@click.option("--ignore", "--extend-ignore", "ignore", multiple=True, metavar="RULES",
              help="Leave out these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Use this configuration file instead of searching for one.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Report only findings this baseline file does not record.")
@click.option("--write-baseline", "write_baseline", type=click.Path(path_type=Path,
              dir_okay=False), default=None,
              help="Record today's findings in this file (replacing it) and exit 0.")
@click.option("--add-suppressions", is_flag=True,
              help="Write a notelint-disable comment for each finding, where one changes "
                   "nothing Jekyll publishes.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--hook", is_flag=True,
              help="As a git pre-commit hook: PATHS are the staged files, and the posts that "
                   "link to a post or include the commit deletes or moves are checked too.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Apply the unsafe fixes too (with --fix or --diff).")
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff instead of writing them.")
@click.option("--statistics", is_flag=True,
              help="Print counts per rule, not each problem (text or json).")
@click.option("--show-fixes", is_flag=True, help="Show the fix offered below each finding.")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report notelint-disable comments that suppress nothing (NL901).")
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only, no summary.")
@click.option("--color/--no-color", default=None,
              help="Color the text output (default: only on a terminal).")
@click.option("--external/--no-external", default=None,
              help="Check external links over HTTP (default: `external` under [links]).")
@click.option("--offline", is_flag=True, help="Never check external links.")
@click.option("--no-cache", is_flag=True,
              help="Use no cache: read every post, ask the network again for every link.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check in N processes (default: `jobs` in the configuration, else one per "
                   "core; 1: all in this process).")
def check(paths: tuple[str, ...], output_format: str | None, output_file: Path | None,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          fail_on: str | None,
          config_file: Path | None, baseline_file: Path | None,
          write_baseline: Path | None, add_suppressions: bool, exit_zero: bool, hook: bool,
          fix: bool,
          unsafe_fixes: bool, diff: bool, statistics: bool, show_fixes: bool,
          report_unused_suppressions: bool, quiet: bool, color: bool | None,
          external: bool | None, offline: bool, no_cache: bool, jobs: int | None) -> int:
    """Report every problem Jekyll will have with the posts under PATHS (default: .)."""
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if statistics and output_format not in ("text", "json"):
        raise click.UsageError("--statistics prints a table or JSON: it cannot be combined "
                               f"with --format {output_format}")
    if add_suppressions and (fix or diff or write_baseline is not None):
        raise click.UsageError("--add-suppressions cannot be combined with --fix, --diff or "
                               "--write-baseline")
    if unsafe_fixes and not (fix or diff) and not quiet:
        click.echo("notelint: --unsafe-fixes applies nothing by itself: add --fix to apply "
                   "the unsafe fixes too, or --diff to see them; findings they fix are marked "
                   "[*]", err=True)
    progress = _Progress("external links") if sys.stderr.isatty() and not quiet else None
    checking = _Progress("checking") if sys.stderr.isatty() and not quiet else None
    options = CheckOptions(select=_split(select) or None, extend_select=_split(extend_select),
                           ignore=_split(ignore),
                           config_file=config_file, external=external, offline=offline,
                           use_cache=not no_cache, progress=progress, post_progress=checking,
                           report_unused_suppressions=report_unused_suppressions, hook=hook,
                           jobs=jobs, last_run=_last_run())
    # A hook run with no staged file still looks at what the commit deletes.
    paths = paths or (() if hook else (".",))
    try:
        if diff:
            return _print_diff(check_paths(paths, options), unsafe_fixes, output_file)
        if add_suppressions:
            from . import add_suppressions as suppressing  # BeautifulSoup: only here
            result, added = suppressing.add_suppressions(paths, options)
            _report_suppressions(added)
            fixed = None
        elif fix:
            result, fixed = fix_paths(paths, options, unsafe_fixes)
            for refusal in fixed.refused:
                click.echo(f"notelint: {visible(refusal)}", err=True)
        else:
            result, fixed = check_paths(paths, options), None
    finally:
        for bar in (checking, progress):
            if bar is not None:
                bar.close()
    _report_external(result, external, quiet)
    if write_baseline is not None:
        count = baseline.write(write_baseline, result.diagnostics)
        click.echo(f"notelint: recorded {count} finding{'s' if count != 1 else ''} in "
                   f"{visible(str(write_baseline))}", err=True)
        return EXIT_CLEAN
    accepting = baseline_file or result.baseline
    hidden = 0
    if accepting is not None:
        filtered = baseline.apply(accepting, result.diagnostics)
        result = dataclasses.replace(result, diagnostics=filtered.kept)
        hidden = filtered.hidden
    threshold = Severity.parse(fail_on) if fail_on else (result.fail_on or Severity.WARNING)
    builds = tuple({"site": site, "build": build.kind, "jekyll": build.jekyll,
                    "reason": build.reason} for site, build in result.builds)
    report = Report(tuple(result.diagnostics), result.files, RULE_INFOS, threshold,
                    __version__, builds,
                    tuple({"site": site, "note": note} for site, note in result.notes))
    use_color = output_file is None and (color if color is not None else (
        sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    if statistics:
        table = text.statistics if output_format == "text" else json_format.statistics
        _emit(table(result.diagnostics), output_file)
    elif output_format == "text":
        _emit(text.render(report, use_color, unsafe_fixes, show_fixes), output_file)
    else:
        _emit(FORMATS[output_format](report), output_file)
    if output_format == "text" and not quiet:
        line = _summary(result, fixed, unsafe_fixes)
        if accepting is not None:
            line += (f"\n{hidden} known finding{'s' if hidden != 1 else ''} hidden by the "
                     f"baseline {visible(str(accepting))}.")
        click.echo(line, err=True)
    failed = any(d.severity >= threshold for d in result.diagnostics)
    return EXIT_FINDINGS if failed and not exit_zero else EXIT_CLEAN


def _report_suppressions(report: SuppressionReport) -> None:
    for refusal in report.refused:
        click.echo(f"notelint: {visible(refusal)}", err=True)
    files = len(report.files)
    click.echo(f"notelint: added {report.added} suppression comment"
               f"{'s' if report.added != 1 else ''} in {files} file{'s' if files != 1 else ''}",
               err=True)
    if report.left:
        count = len(report.left)
        click.echo(f"notelint: {count} finding{'s' if count != 1 else ''} cannot be silenced "
                   "by a comment without changing the page (a code block, a table, a file "
                   "that takes no comments): record them with --write-baseline", err=True)


RULE_INFOS = tuple(RuleInfo(r.code, r.name, r.severity, r.summary, r.doc) for r in RULES)


def _emit(output: str, output_file: Path | None) -> None:
    if output_file is None:
        _write_in_pieces(sys.stdout, output)
    else:
        with output_file.open("w", encoding="utf-8") as stream:
            _write_in_pieces(stream, output)


# The report of 100,000 posts is 40 MB: written whole, its encoded copy would be another
# 40 MB at the peak of the run.
_PIECE = 1 << 20


def _write_in_pieces(stream: TextIO, output: str) -> None:
    for start in range(0, len(output), _PIECE):
        stream.write(output[start:start + _PIECE])


def _print_diff(result: CheckResult, unsafe: bool, output_file: Path | None) -> int:
    plans = plan_fixes(result.diagnostics, unsafe)
    _emit(unified_diff(plans), output_file)
    count = sum(len(p.fixed) for p in plans)
    click.echo(f"{count} fix{'es' if count != 1 else ''} in {len(plans)} "
               f"file{'s' if len(plans) != 1 else ''} (nothing written).", err=True)
    return EXIT_FINDINGS if plans else EXIT_CLEAN


def _summary(result: CheckResult, fixed: FixReport | None, unsafe: bool) -> str:
    line = text.summary(result.diagnostics, result.files_checked)
    if fixed is not None and fixed.fixed:
        count = len(fixed.fixed)
        line = (f"Fixed {count} problem{'s' if count != 1 else ''} in {len(fixed.files)} "
                f"file{'s' if len(fixed.files) != 1 else ''}. ") + line
    # Counted from the plans, not the findings: a fix that cannot be applied (a rename onto
    # an existing file, an overlapping edit) is not promised.
    safe = sum(len(p.fixed) for p in plan_fixes(result.diagnostics, unsafe=False))
    hidden = sum(len(p.fixed) for p in plan_fixes(result.diagnostics, unsafe=True)) - safe
    if safe and fixed is None:
        line += f" {safe} fixable with --fix."
    if hidden > 0 and not unsafe:
        line += f" {hidden} more with --fix --unsafe-fixes."
    for site, build in result.builds:
        where = "" if len(result.builds) == 1 else f" for {visible(site)}"
        line += f"\nAssumed build{where}: {build.describe()}."
    for site, note in result.notes:
        where = "" if len(result.builds) == 1 else f" in {visible(site)}"
        line += f"\nNot checked{where}: {visible(note)}."
    return line


def _report_external(result: CheckResult, external: bool | None, quiet: bool) -> None:
    if result.external is not None and result.external.network_down:
        click.echo("notelint: no network: none of the external hosts could be reached; "
                   "external links were not checked (use --offline to skip them)", err=True)
    elif result.external is not None and not quiet and (external or result.external.checked
                                                        or result.external.cached):
        click.echo(_external_summary(result.external), err=True)


class _Progress:
    """A progress bar on stderr (terminals only), from the first report of progress on."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _external_summary(summary: Summary) -> str:
    line = (f"External links: {summary.checked} checked, {summary.cached} cached, "
            f"{summary.broken} broken, {summary.redirected} redirected, "
            f"{summary.errors} failed, {summary.skipped} skipped.")
    if summary.unchecked:
        line += (f" {summary.unchecked} not checked: the time for external links "
                 "(run-timeout) ran out.")
    if summary.cache_problem:
        line += f" The link cache was not saved: {visible(summary.cache_problem)}."
    return line


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Write each post under DIR at the path Jekyll writes it.")
@click.option("--fragment", is_flag=True, help="Only the post's content, no page around it.")
@click.option("--layouts", is_flag=True, help="Wrap the content in the site's _layouts.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Use this configuration file (build, theme layouts).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Render in N processes (default: one per core; 1: all in this one).")
def render(paths: tuple[str, ...], output_dir: Path | None, fragment: bool,
           layouts: bool, config_file: Path | None, jobs: int | None) -> int:
    """Write the HTML Jekyll would publish for the posts under PATHS (default: .)."""
    # Imported here: the HTML parser and Pygments are not needed by `check`.
    from .render.jobs import OutputFolder, RenderOptions, plan_renders, render_all
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    plan = plan_renders(paths or (".",), config_file)
    if output_dir is None and len(plan) != 1:
        raise click.UsageError(f"{len(plan)} posts to render: give one post, or -o DIR")
    options = RenderOptions(fragment=fragment, layouts=layouts, copied=output_dir is not None)
    if output_dir is None:
        from .render.jobs import render_job
        renderer, post = plan[0]
        job = render_job(renderer, post, options)
        for problem in job.messages:
            click.echo(visible(f"{display_path(job.post.path)}:{problem}"), err=True)
        click.echo(job.html, nl=False)
        return EXIT_FINDINGS if job.failed else EXIT_CLEAN
    written = OutputFolder(output_dir)
    rendering = _Progress("rendering") if sys.stderr.isatty() and \
        len(plan) >= PROGRESS_POSTS else None
    failed = False
    pages: dict[Any, set[str]] = {}  # per site's renderer, the output paths written
    count = workers.workers_for(jobs or workers.default_jobs(), len(plan))
    for index, done in render_all(plan, options, written, count):
        renderer, post = plan[index]
        for problem in done.messages:
            click.echo(visible(f"{display_path(post.path)}:{problem}"), err=True)
        failed = failed or done.failed
        if done.refused is not None:
            click.echo(visible(f"{display_path(post.path)}: not written: {done.refused}"),
                       err=True)
            failed = True
        elif done.output_path is not None:
            pages.setdefault(renderer, set()).add(done.output_path)
        if rendering is not None:
            rendering(index + 1, len(plan))
    if rendering is not None:
        rendering.close()
    failed = _write_assets(written, {r: pages.get(r, set()) for r, _ in plan},
                           layouts) or failed
    written.close()
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _write_assets(folder: Any, sites: dict[Any, set[str]], browsable: bool) -> bool:
    """The static files and stylesheets of each site rendered; whether one failed."""
    from .render.assets import write_assets
    failed = False
    for renderer, written in sites.items():
        report = write_assets(renderer, folder, written, browsable)
        for source, problem in report.problems:
            click.echo(visible(f"{display_path(source)}: not written: {problem}"), err=True)
        failed = failed or bool(report.problems)
        if report.missing and browsable:  # a page without its layouts links none of them
            shown = ", ".join(report.missing[:8]) + (", ..." if len(report.missing) > 8 else "")
            count = len(report.missing)
            files = "1 file the build writes is" if count == 1 else \
                f"{count} files the build writes are"
            click.echo(visible(f"notelint: {files} not produced (plugins or a theme notelint "
                               f"does not run): {shown}"), err=True)
    return failed


@cli.command()
@click.argument("site", required=False, default=".",
                type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another machine may see the site if you change it).")
@click.option("--port", type=click.IntRange(0, 65535), default=4000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Use this configuration file (build, theme layouts).")
def serve(site: Path, host: str, port: int, config_file: Path | None) -> int:
    """Preview SITE (default: .) as it will be published, with each page's findings."""
    from .jekyll.site import find_site_root
    from .serve import serve as run_server
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    root, _ = find_site_root(site.resolve())

    def ready(address: str) -> None:
        click.echo(f"notelint: previewing {display_path(root) or '.'} at {address} "
                   "(Ctrl-C to stop)", err=True)

    try:
        run_server(root, host, port, config_file, ready)
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: "
                               f"{exc.strerror or exc}") from None
    except KeyboardInterrupt:
        pass
    return EXIT_CLEAN


@cli.command()
@click.argument("rule", required=False)
def rules(rule: str | None) -> int:
    """List every rule, or print the documentation of RULE (a code or a name)."""
    if rule is None:
        for r in RULES:
            click.echo(f"{r.code}  {r.name:<32} {r.severity.label:<8} {r.summary}")
        return EXIT_CLEAN
    found = find_rule(rule)
    if found is None:
        raise click.UsageError(f"no rule is called {rule!r} (see `notelint rules`)")
    click.echo(f"{found.code} {found.name} (default severity: {found.severity.label})\n")
    click.echo(found.doc)
    return EXIT_CLEAN


def _safe_streams() -> None:
    # File names that are not UTF-8 reach us as surrogate escapes, and a terminal may not
    # encode every character of a message: print a replacement character rather than crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")


def run() -> None:
    """The `notelint` command: `main`, then an exit that leaves the site model to the
    operating system (freeing 10,000 posts' objects one at a time took 0.15 s)."""
    try:
        main(last_run=True)
    except SystemExit as exc:
        code = exc.code
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`notelint check | head`): what it took is all it wanted.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(EXIT_CLEAN if code is None else code if isinstance(code, int) else EXIT_ERROR)


def _last_run() -> bool:
    """The process ends with this command (`run`), rather than tests or a program calling
    `main` again and again."""
    obj = click.get_current_context().obj
    return bool(obj and obj.get("last_run"))


def main(argv: Sequence[str] | None = None, *, last_run: bool = False) -> None:
    """Entry point: every failure is one line on stderr and exit code 2."""
    _safe_streams()
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="notelint",
                        standalone_mode=False, obj={"last_run": last_run})
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        click.echo("notelint: interrupted", err=True)
        code = EXIT_ERROR
    except click.ClickException as exc:
        click.echo(f"notelint: error: {exc.format_message()}", err=True)
        code = EXIT_ERROR
    except (ConfigError, PathError, baseline.BaselineError) as exc:
        click.echo(f"notelint: error: {exc}", err=True)
        code = EXIT_ERROR
    except InternalError as exc:
        click.echo(f"notelint: internal error: {exc}", err=True)
        code = EXIT_ERROR
    except OSError as exc:
        click.echo(f"notelint: error: {exc}", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
