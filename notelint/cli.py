"""The command line: parse, call the library, print, pick the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import ConfigError
from .diagnostics import Severity
from .engine import CheckOptions, InternalError, PathError, check_paths, display_path
from .formats import FORMATS, text
from .linkcheck.outcome import Summary
from .rules import RULES, find_rule, valid_selector

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
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, names or prefixes (NL2), comma-separated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Use this configuration file instead of searching for one.")
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only, no summary.")
@click.option("--color/--no-color", default=None,
              help="Color the text output (default: only on a terminal).")
@click.option("--external/--no-external", default=None,
              help="Check external links over HTTP (default: `external` under [links]).")
@click.option("--offline", is_flag=True, help="Never check external links.")
@click.option("--no-cache", is_flag=True, help="Ask the network again for every external link.")
def check(paths: tuple[str, ...], output_format: str, select: tuple[str, ...],
          ignore: tuple[str, ...], fail_on: str | None, config_file: Path | None, quiet: bool,
          color: bool | None, external: bool | None, offline: bool, no_cache: bool) -> int:
    """Report every problem Jekyll will have with the posts under PATHS (default: .)."""
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    progress = _Progress() if sys.stderr.isatty() and not quiet else None
    options = CheckOptions(select=_split(select) or None, ignore=_split(ignore),
                           config_file=config_file, external=external, offline=offline,
                           use_cache=not no_cache, progress=progress)
    try:
        result = check_paths(paths or (".",), options)
    finally:
        if progress is not None:
            progress.close()
    if result.external is not None and result.external.network_down:
        click.echo("notelint: no network: none of the external hosts could be reached; "
                   "external links were not checked (use --offline to skip them)", err=True)
    elif result.external is not None and not quiet and (external or result.external.checked
                                                        or result.external.cached):
        click.echo(_external_summary(result.external), err=True)
    if output_format == "text":
        use_color = color if color is not None else (sys.stdout.isatty()
                                                     and "NO_COLOR" not in os.environ)
        sys.stdout.write(text.render(result.diagnostics, result.files_checked, use_color))
        if not quiet:
            click.echo(text.summary(result.diagnostics, result.files_checked), err=True)
    else:
        sys.stdout.write(FORMATS[output_format](result.diagnostics, result.files_checked))
    threshold = Severity.parse(fail_on) if fail_on else (result.fail_on or Severity.WARNING)
    failed = any(d.severity >= threshold for d in result.diagnostics)
    return EXIT_FINDINGS if failed else EXIT_CLEAN


class _Progress:
    """A progress bar on stderr while external links are checked (terminals only)."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="external links",
                                         file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _external_summary(summary: Summary) -> str:
    return (f"External links: {summary.checked} checked, {summary.cached} cached, "
            f"{summary.broken} broken, {summary.redirected} redirected, "
            f"{summary.errors} failed, {summary.skipped} skipped.")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Write each post under DIR at the path Jekyll writes it.")
@click.option("--fragment", is_flag=True, help="Only the post's content, no page around it.")
@click.option("--layouts", is_flag=True, help="Wrap the content in the site's _layouts.")
def render(paths: tuple[str, ...], output_dir: Path | None, fragment: bool,
           layouts: bool) -> int:
    """Write the HTML Jekyll would publish for the posts under PATHS (default: .)."""
    # Imported here: BeautifulSoup and html5lib are not needed by `check`.
    from .render.jobs import RenderOptions, plan_renders, render_job, write_output
    plan = plan_renders(paths or (".",))
    if output_dir is None and len(plan) != 1:
        raise click.UsageError(f"{len(plan)} posts to render: give one post, or -o DIR")
    options = RenderOptions(fragment=fragment, layouts=layouts)
    failed = False
    for renderer, post in plan:
        job = render_job(renderer, post, options)
        for problem in job.messages:
            click.echo(f"{display_path(job.post.path)}:{problem}", err=True)
        failed = failed or job.failed
        if output_dir is None:
            click.echo(job.html, nl=False)
        elif job.output_path is not None:
            write_output(output_dir, job.output_path, job.html)
    return EXIT_FINDINGS if failed else EXIT_CLEAN


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


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: every failure is one line on stderr and exit code 2."""
    _safe_streams()
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="notelint",
                        standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        click.echo("notelint: interrupted", err=True)
        code = EXIT_ERROR
    except click.ClickException as exc:
        click.echo(f"notelint: error: {exc.format_message()}", err=True)
        code = EXIT_ERROR
    except (ConfigError, PathError) as exc:
        click.echo(f"notelint: error: {exc}", err=True)
        code = EXIT_ERROR
    except InternalError as exc:
        click.echo(f"notelint: internal error: {exc}", err=True)
        code = EXIT_ERROR
    except OSError as exc:
        click.echo(f"notelint: error: {exc}", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
