"""Every rule, listed explicitly, and selection by code, name, family prefix or group."""

from __future__ import annotations

from dataclasses import dataclass

from . import (
    config_options,
    dates,
    filenames,
    frontmatter,
    html,
    keys,
    layout,
    links,
    liquid,
    markdown,
    suppression,
    taxonomy,
    urls,
)
from ._registry import DEFAULT_GROUP, GROUPS, Rule, RuleContext, Settings

RULES: tuple[Rule, ...] = (
    frontmatter.front_matter_unterminated,
    frontmatter.yaml_syntax_error,
    frontmatter.front_matter_unreadable,
    frontmatter.front_matter_not_at_start,
    frontmatter.yaml_value_rejected,
    frontmatter.duplicate_key,
    keys.misspelled_key,
    frontmatter.missing_required_key,
    frontmatter.unreadable_file,
    keys.title_missing,
    keys.title_not_string,
    dates.future_date,
    dates.invalid_date,
    dates.empty_date,
    dates.invalid_filename_date,
    dates.impossible_day_rule,
    dates.date_mismatch,
    dates.timezone_dependent_url,
    filenames.filename_skipped,
    filenames.empty_slug,
    dates.unpublished,
    filenames.post_not_converted,
    layout.layout_missing,
    layout.layout_unknown,
    layout.layout_with_extension,
    urls.url_conflict,
    urls.url_case_conflict,
    urls.permalink_unknown_placeholder,
    urls.site_config_invalid,
    urls.unknown_timezone,
    urls.output_path_invalid,
    layout.layout_unreadable,
    config_options.config_option_removed,
    config_options.config_option_ignored,
    taxonomy.taxonomy_shape,
    taxonomy.comma_separated_taxonomy,
    taxonomy.tag_and_tags,
    taxonomy.taxonomy_case_mismatch,
    taxonomy.taxonomy_vocabulary,
    links.link_target_missing,
    links.fragment_missing,
    links.link_without_baseurl,
    links.empty_link,
    links.javascript_link,
    links.malformed_url,
    links.insecure_link,
    links.image_without_alt,
    links.link_text_whitespace,
    links.external_link_broken,
    links.external_link_error,
    links.external_link_redirected,
    links.fragment_ambiguous,
    liquid.liquid_syntax_error,
    liquid.liquid_target_missing,
    liquid.liquid_unknown_tag,
    liquid.liquid_output_syntax,
    liquid.post_url_without_folder,
    liquid.liquid_runtime_error,
    liquid.liquid_lax_tag,
    html.html_unclosed,
    html.html_tag_as_text,
    html.html_self_closed,
    markdown.heading_without_space,
    markdown.liquid_in_code_sample,
    markdown.markdown_in_html_block,
    suppression.unused_suppression,
    suppression.check_incomplete,
)

_BY_KEY = {r.code: r for r in RULES} | {r.name: r for r in RULES}


def find_rule(key: str) -> Rule | None:
    """A rule by its code (`NL201`) or name (`future-date`)."""
    return _BY_KEY.get(key) or _BY_KEY.get(key.upper())


def matches(rule: Rule, selector: str) -> bool:
    """A selector is a code, a name, a code prefix such as `NL2` or `NL`, a group (`style`,
    `a11y`, `jekyll`) or `ALL`."""
    if selector in (rule.code, rule.name, rule.group) or selector == "ALL":
        return True
    upper = selector.upper()
    return upper.startswith("NL") and rule.code.startswith(upper)


def valid_selector(selector: str) -> bool:
    return any(matches(r, selector) for r in RULES)


@dataclass(frozen=True)
class Selection:
    """ruff's conventions: `select` replaces the default set, `extend-select` adds to it,
    `ignore` and `extend-ignore` take rules out (and win over both)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def then(self, later: Selection) -> Selection:
        """This selection (the configuration's) overridden by `later` (the command line's)."""
        return Selection(later.select if later.select is not None else self.select,
                         (*self.extend_select, *later.extend_select),
                         (*self.ignore, *later.ignore))

    def rules(self) -> list[Rule]:
        def chosen(rule: Rule) -> bool:
            base = rule.default if self.select is None else \
                any(matches(rule, s) for s in self.select)
            return (base or any(matches(rule, s) for s in self.extend_select)) and \
                not any(matches(rule, s) for s in self.ignore)

        return [r for r in RULES if chosen(r)]


__all__ = ["DEFAULT_GROUP", "GROUPS", "RULES", "Rule", "RuleContext", "Selection", "Settings",
           "find_rule", "matches"]
