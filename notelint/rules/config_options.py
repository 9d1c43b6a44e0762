"""NL311, NL312: options of `_config.yml` the build rejects or does not do as they say."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Finding, Position, Severity
from ..jekyll import options, plugins
from ..jekyll.site import Site
from ._registry import RuleContext, rule


def _problems(site: Site) -> list[options.OptionProblem]:
    if site.config.path is None or site.config.problems:
        return []
    unknown = bool(plugins.unknown(site.plugin_names)) or site.local_plugins.present
    return options.problems(site.config.data, site.build, site.plugin_names, unknown)


def _findings(site: Site, fatal: bool) -> Iterator[Finding]:
    for problem in _problems(site):
        if problem.fatal == fatal:
            where = site.config.positions.get(problem.key, Position(1, 1))
            yield Finding(where, problem.message, path=str(site.config.path))


@rule("NL311", "config-option-removed", Severity.ERROR, scope="site")
def config_option_removed(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`_config.yml` sets an option Jekyll removed, and the build stops on it.

    ## Why
    Jekyll 3.0 removed Redcarpet, RDiscount and Maruku: `markdown:` must be `kramdown`
    (or a processor a plugin of the site adds, such as jekyll-commonmark's `CommonMark`);
    any other value stops the build at the first post ("Invalid Markdown processor given").
    `relative_permalinks: true` stops it too. GitHub Pages ignores `markdown:` instead
    (NL312).

    ## Bad
    ```markdown
    ==> Gemfile <==
    gem "jekyll", "~> 4.3"
    ==> _config.yml <==
    markdown: redcarpet
    ```

    ## Good
    ```markdown
    ==> Gemfile <==
    gem "jekyll", "~> 4.3"
    ==> _config.yml <==
    markdown: kramdown
    ```
    """
    yield from _findings(site, fatal=True)


@rule("NL312", "config-option-ignored", Severity.WARNING, scope="site")
def config_option_ignored(site: Site, ctx: RuleContext[object]) -> Iterator[Finding]:
    """`_config.yml` sets an option the site's build ignores or no longer has.

    ## Why
    The site is published as if the option were not there. Jekyll 4 no longer reads
    `gems:` (renamed `plugins:` in 3.5), so the plugins listed there are not loaded; it has
    no Pygments, so `highlighter: pygments` publishes code blocks without highlighting.
    GitHub Pages builds in safe mode, without LSI, with kramdown (or `gfm`) and Rouge,
    whatever `safe:`, `lsi:`, `markdown:` and `highlighter:` say.

    ## Bad
    ```markdown
    ==> Gemfile <==
    gem "jekyll", "~> 4.3"
    ==> _config.yml <==
    gems:
      - jekyll-feed
    ```

    ## Good
    ```markdown
    ==> Gemfile <==
    gem "jekyll", "~> 4.3"
    ==> _config.yml <==
    plugins:
      - jekyll-feed
    ```
    """
    yield from _findings(site, fatal=False)
