"""Find the sites behind the paths given, run the selected rules, collect diagnostics."""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import functools
import gc
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import dependents, resultcache, suppressions, workers
from .config import Config, find_config, load_config
from .diagnostics import Diagnostic, Finding, Fix, Position, Severity
from .jekyll import page
from .jekyll.build import Build
from .jekyll.build import detect as detect_build
from .jekyll.config import find_config as find_jekyll_config
from .jekyll.post import Post, light_reader, read_post
from .jekyll.site import Entry, Site, find_site_root
from .linkcheck.outcome import Summary
from .linkcheck.settings import LinkSettings
from .postcache import PostResults
from .rules import RULES, Rule, RuleContext, Selection, find_rule, matches
from .rules._facts import SiteFacts, has_id, pack_ids
from .siteindex import SiteIndex

PROGRESS_POSTS = 200  # fewer posts are checked before a progress bar would be read


class PathError(Exception):
    """A path given on the command line does not exist."""


class InternalError(Exception):
    """A rule failed; carries the file and rule so the report can say where."""


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    files: tuple[str, ...]  # the files checked, as displayed, sorted
    fail_on: Severity | None  # from the configuration, when it sets `fail-on`
    external: Summary | None = None  # when external links were looked at
    builds: tuple[tuple[str, Build], ...] = ()  # (site folder, the build assumed) per site
    notes: tuple[tuple[str, str], ...] = ()  # (site folder, what notelint could not see)
    baseline: Path | None = None  # the configuration's `baseline` file, when it names one

    @property
    def files_checked(self) -> int:
        return len(self.files)


@dataclass(frozen=True)
class CheckOptions:
    # The command line's selection, over the configuration's (ruff's conventions).
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config_file: Path | None = None
    now: dt.datetime | None = None
    external: bool | None = None  # None: as the configuration says
    offline: bool = False  # external links are skipped, whatever the configuration says
    use_cache: bool = True
    progress: Callable[[int, int], None] | None = None  # (done, total) of external links
    # (done, total) steps of checking the posts of a site of PROGRESS_POSTS posts or more.
    post_progress: Callable[[int, int], None] | None = None
    transport: Any = None  # an httpx transport for external links (tests, proxies)
    report_unused_suppressions: bool = False
    # A pre-commit run: the paths are the staged files, and the posts that refer to what the
    # staged changes delete or move are checked too (see dependents.py).
    hook: bool = False
    jobs: int | None = None  # worker processes; None: the configuration's, else one per core
    # The process ends after this run (the `notelint` command): the site model is left to
    # the exit instead of being handed back to the collector, whose next pass would scan
    # all of it (0.2 s at 10,000 posts).
    last_run: bool = False

    @property
    def selection(self) -> Selection:
        return Selection(self.select, self.extend_select, self.ignore)

    def link_settings(self, config: Config) -> LinkSettings:
        links = config.settings.links
        external = links.external if self.external is None else self.external
        return dataclasses.replace(links, external=external and not self.offline,
                                   cache=links.cache and self.use_cache,
                                   progress=self.progress, transport=self.transport)


def check_paths(paths: Sequence[str | os.PathLike[str]],
                options: CheckOptions | None = None) -> CheckResult:
    """Check the posts at or below `paths`, each with its whole site as context."""
    options = options or CheckOptions()
    diagnostics: set[Diagnostic] = set()
    checked: set[str] = set()
    fail_on = None
    accepted: Path | None = None
    external: Summary | None = None
    builds: list[tuple[str, Build]] = []
    notes: list[tuple[str, str]] = []
    changes = dependents.staged_changes(Path.cwd()) if options.hook else []
    try:
        for root, site_targets in site_groups(paths, [c.path for c in changes]):
            config = load_config(options.config_file or find_config(root))
            fail_on = fail_on or config.fail_on
            accepted = accepted or config.baseline
            index = _index(root, config) if options.use_cache else None
            # One walk of the site for the report's key and the posts' kept results, made
            # only if one of them is used.
            walk = functools.cache(functools.partial(resultcache.site_files, root))
            cached = _cached_key(root, site_targets, config, options, changes, index, walk)
            last = None
            if cached is not None:
                last = resultcache.load(root, cached, options.now or
                                        dt.datetime.now(dt.timezone.utc))
                if last is not None and last.same:  # nothing it was made from has changed
                    report = last.report
                    builds.append((display_path(root), Build(*report.build)))
                    notes += [(display_path(root), note) for note in report.notes]
                    diagnostics.update(report.diagnostics)
                    checked.update(report.files)
                    continue
            if index is not None and cached is not None:
                index.take_stamps(walk())  # walked for the key already
            site, targets = _load(root, site_targets, config, options, index)
            if changes:
                went = dependents.gone(site, changes)
                extra = [p.path for p in dependents.dependents(site, went)
                         if not targets.contain(p.path)]
                targets = Targets([*site_targets, *extra])
                if not site_targets and not extra:
                    continue  # a change that takes nothing from this site's posts
            builds.append((display_path(root), site.build))
            notes += [(display_path(root), note) for note in site.unseen()]
            found, checked_files, summary, basis = _check_site(
                site, targets, config, options, index, walk, cached, last)
            checked_files = [display_path(f) for f in checked_files]
            if index is not None:
                index.save()
            if cached is not None:
                build = site.build
                resultcache.store(root, cached, resultcache.Report(
                    tuple(found), tuple(checked_files), tuple(site.unseen()),
                    (build.kind, build.jekyll, build.reason)), _due(site), basis)
            diagnostics.update(found)
            checked.update(checked_files)
            if summary is not None:
                external = summary if external is None else external.merge(summary)
    finally:
        # load_site froze the heap for speed; a process that checks again and again (the
        # API, a preview server, the fuzzer) must get each run's objects collected.
        if not options.last_run:
            gc.unfreeze()
        # Only when a post was rendered: a report given again loads no Liquid at all.
        liquid = sys.modules.get(f"{__package__}.jekyll.liquid")
        if liquid is not None:
            liquid.release()
    return CheckResult(sorted(diagnostics, key=Diagnostic.sort_key), tuple(sorted(checked)),
                       fail_on, external, tuple(builds), tuple(notes), accepted)


# The site's files, listed once when first asked for (resultcache.site_files).
_Walk = Callable[[], list[resultcache.FileStamp]]


def _cached_key(root: Path, targets: list[Path], config: Config, options: CheckOptions,
                changes: list[Any], index: SiteIndex | None, walk: _Walk
                ) -> resultcache.ReportKey | None:
    """The key of this site's stored report, or None when the run may not use one (no
    cache, a pre-commit hook, external links checked)."""
    if not options.use_cache or options.hook or changes or \
            options.link_settings(config).external:
        return None
    settings = _run_settings(config, options)
    if settings is None:
        return None
    # The posts' content hashes from the site index, when their files have not changed
    # since: reading and hashing 10,000 posts would be most of the time of this key.
    return resultcache.key(root, targets, settings, index.known if index else None, walk())


def _run_settings(config: Config, options: CheckOptions) -> dict[str, Any] | None:
    """What of the run, besides the site's files, its findings depend on (None: the
    configuration file cannot be read)."""
    config_text = b""
    if config.path is not None:
        try:
            config_text = config.path.read_bytes()
        except OSError:
            return None
    return {"select": options.select, "extend_select": options.extend_select,
            "ignore": options.ignore, "config": str(config.path),
            "config_text": hashlib.blake2b(config_text, digest_size=16).hexdigest(),
            "now": options.now, "unused": options.report_unused_suppressions}


def _due(site: Site) -> dt.datetime | None:
    """When the first future-dated post becomes due (the report changes then)."""
    future = [p.date for p in site.all_posts if p.date is not None and p.date > site.time]
    return min(future) if future else None


def _load(root: Path, paths: list[Path], config: Config, options: CheckOptions,
          index: SiteIndex | None) -> tuple[Site, Targets]:
    targets = Targets(paths)
    read = light_reader(index.read if index is not None else read_post)
    hooks: dict[str, Any] = {"list_posts": index.listing} if index is not None else {}
    build = detect_build(root, config.build) if config.build else None
    site = load_site(root, theme_layouts=config.theme_layouts, now=options.now,
                     build=build, read=read, **hooks)
    return site, targets


def open_site(root: Path, config: Config) -> Site:
    """The site as `check` reads it, its posts from the site index when unchanged (their
    text read from disk when first used): what a preview needs to start at once."""
    index = _index(root, config)
    site, _targets = _load(root, [], config, CheckOptions(), index)
    gc.unfreeze()  # a preview reads the site again after each change: the old one must go
    index.save()
    return site


def _index(root: Path, config: Config) -> SiteIndex:
    # Which layouts exist decides a post's layout under jekyll-default-layout.
    try:
        layouts = sorted(os.listdir(root / "_layouts"))
    except OSError:
        layouts = []
    # The Gemfile decides the build (GitHub Pages or the gem), and so the plugins.
    key = SiteIndex.key_for(root, [find_jekyll_config(root), config.path, root / "Gemfile",
                                   root / "Gemfile.lock"],
                            (sorted(config.theme_layouts), layouts, config.build))
    return SiteIndex(root, key)


def load_site(root: Path, **options: object) -> Site:
    # The site model is built once and kept to the end of the run: the cyclic collector
    # would rescan its many objects over and over (a third of the time on 10,000 posts).
    gc.disable()
    try:
        site = Site.load(root, **options)
    finally:
        gc.enable()
    gc.freeze()
    return site


def site_groups(paths: Sequence[str | os.PathLike[str]], changed: Iterable[Path] = ()
                ) -> list[tuple[Path, list[Path]]]:
    """The site roots behind `paths`, each with the paths inside it (PathError if missing),
    and the roots of the sites whose posts, includes or layouts `changed` touches (those
    may be gone: their folder tells the site)."""
    groups: dict[Path, list[Path]] = {}
    for target in (_absolute(p) for p in paths):
        root, _ = find_site_root(target)
        groups.setdefault(root, []).append(target)
    for path in changed:
        parts = set(path.parts[:-1])
        if not parts & {"_posts", "_drafts", "_includes", "_layouts"}:
            continue
        folder = path.parent
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        root, loose = find_site_root(folder)
        if not loose:
            groups.setdefault(root, [])
    return sorted(groups.items())


def _absolute(path: str | os.PathLike[str]) -> Path:
    absolute = Path(os.path.normpath(os.path.abspath(path)))
    if not absolute.exists() and not absolute.is_symlink():
        raise PathError(f"{os.fspath(path)}: no such file or directory")
    return absolute


class Targets:
    """The paths given for one site: a file is wanted when it is one of them or below one
    (asked once per file of a site that may hold 10,000)."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.exact = {str(t) for t in paths}
        self.folders = tuple(text.rstrip(os.sep) + os.sep for text in self.exact)

    def contain(self, path: str | os.PathLike[str]) -> bool:
        text = os.fspath(path)
        return text in self.exact or text.startswith(self.folders)


def _check_site(site: Site, targets: Targets, config: Config, options: CheckOptions,
                index: SiteIndex | None = None, walk: _Walk | None = None,
                key: resultcache.ReportKey | None = None, last: resultcache.Last | None = None
                ) -> tuple[list[Diagnostic], list[str], Summary | None, resultcache.Basis | None]:
    """The site's findings, the files it checked (as their paths' text, not yet displayed),
    and what the report was made from (for the next run to patch it). With the `last`
    report and what it was made from, only the posts whose bodies changed and those that
    depend on them are checked, when nothing else changed: the others' findings are the
    last report's."""
    selection = config.selection.then(options.selection)
    chosen = [r for r in selection.rules() if r.scope != "after"]
    if site.config.problems:
        # Jekyll stops before reading a post: one finding on `_config.yml`, and only the rules
        # that do not depend on its settings (a post's own YAML), not dozens of findings
        # computed from defaults the build will never use.
        chosen = [r for r in chosen if r.code.startswith("NL1") or r.code == "NL307"]
    posts = [p for p in site.all_posts
             if targets.contain(p.file) and not _excluded(p.file, site, config)]
    pages = [site.read_entry(e) for e in _checked_entries(site)
             if targets.contain(site.root / e.relative_path)
             and not _excluded(site.root / e.relative_path, site, config)]
    layouts = [page.read_layout(site, path, path.relative_to(site.root).as_posix())
               for path in site.templates()
               if targets.contain(path) and not _excluded(path, site, config)]
    skipped = [s for s in site.skipped
               if targets.contain(s.path) and not _excluded(s.path, site, config)]
    settings = dataclasses.replace(config.settings, links=options.link_settings(config))
    checked = posts + pages
    checker = _Checker(site, config, settings, checked, layouts,
                       options.report_unused_suppressions)
    post_rules = [r for r in chosen if r.scope == "post"]
    pages_too = [r for r in post_rules if r.pages]
    layouts_too = [r for r in post_rules if r.layouts]
    subjects = posts + pages + layouts
    page_ids = {id(p) for p in pages}

    def rules_for(subject: Post) -> list[Rule]:
        # (Not a pair of post and rules for each of 100,000 posts.)
        if subject.is_layout:
            return layouts_too
        return pages_too if id(subject) in page_ids else post_rules

    # The posts' own strings: made the displayed paths by the caller, once this run's
    # findings are gathered and its peak of memory is past.
    files = [p.file for p in checked + layouts] + [str(s.path) for s in skipped]

    # External links (checked all at once) and unused suppressions (judged on the whole
    # run) keep to one process, and to this run's own findings.
    alone = settings.links.external or options.report_unused_suppressions
    basis = last.basis if last is not None and key is not None and index is not None and \
        not alone else None
    redo = _patch_plan(site, basis, key) if basis is not None and key is not None else None
    if redo is None:
        basis = None
    stored, fronts = _post_results(site, config, options, index, walk, basis) \
        if index is not None and not alone else (None, {})
    wanted = {p.file for p in subjects} | {str(s.path) for s in skipped}
    if site.config.path is not None:
        wanted.add(str(site.config.path))
    kept: list[Diagnostic] = []
    if redo is not None:
        # Only these are checked again: every other finding is the last report's.
        subjects = [p for p in subjects if p.relative_path in redo]
        wanted = {p.file for p in subjects}
        again = {display_path(p.file) for p in subjects}
        assert last is not None  # (the basis is the last report's)
        kept = [d for d in last.report.diagnostics if d.path not in again]
        checked = [p for p in checked if p.relative_path in redo]
    site_rules = [r for r in chosen if r.scope == "site"]
    progress = options.post_progress if len(subjects) >= PROGRESS_POSTS else None
    steps, done = len(site_rules) + len(subjects), 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    found = stored.site_findings() if stored is not None else None
    if found is None:
        found = [(rule.code, f) for rule in site_rules
                 for f in _run(rule, site, checker.contexts[rule], str(site.root))]
        if stored is not None:
            stored.keep_site_findings(found)
    kept += [d for code, f in found if f.path in wanted and
             (d := checker.keep(_rule(code), f, Path(f.path))) is not None]
    for _ in site_rules:
        step()

    # What the next run needs to patch this one's report (see resultcache.Basis), when it
    # is kept.
    keeps = stored.keeps if stored is not None and key is not None else None
    prefix = os.path.join(site.root, "")
    linkers: dict[str, set[str]] = {}
    every_time: set[str] = set()

    def gather(subject: Post, result: _Checked) -> None:
        kept.extend(result.diagnostics)
        if result.ids is not None:
            checker.ids[subject.file] = result.ids
            kept.extend(checker.arrived(subject.file))
        kept.extend(checker.wait(subject.file, result.pending))
        if result.over_budget:
            checker.facts.over_budget.add(subject.file)
        if keeps is not None:
            relative = subject.relative_path
            for target, *_ in result.pending:
                if target.startswith(prefix):
                    linkers.setdefault(target[len(prefix):], set()).add(relative)
            if result.reads_others or not keeps(relative):
                every_time.add(relative)
        step()

    todo = []
    kept_results = stored.get([s.relative_path for s in subjects]) if stored is not None \
        else [None] * len(subjects)
    for number, (subject, result) in enumerate(zip(subjects, kept_results, strict=True)):
        if result is None:
            todo.append(number)
        else:
            gather(subject, result)

    def check(part: range) -> list[_Checked]:
        return [checker.check(subjects[todo[n]], rules_for(subjects[todo[n]])) for n in part]

    # Posts are checked in several processes when there are enough of them.
    jobs = options.jobs or config.jobs or workers.default_jobs()
    count = workers.workers_for(1 if alone else jobs, len(todo))
    if count > 1 and any(r.renders for r in post_rules):
        checker.facts.warm()  # once here rather than in each worker
    for part, results in workers.map_slices(check, len(todo), count):
        for number, result in zip(part, results, strict=True):
            subject = subjects[todo[number]]
            gather(subject, result)
            if stored is not None:
                stored.put(subject.relative_path, result, result.reads_others)
    if stored is not None:
        # The ids of the posts linked to that this run did not check, from their results.
        waiting = [site.by_path[t] for t in sorted(checker.waiting)]
        for post, result in zip(waiting, stored.get([p.relative_path for p in waiting]),
                                strict=True):
            if result is not None and result.ids is not None:
                checker.ids[post.file] = result.ids
                kept += checker.arrived(post.file)
        stored.save(None if redo is not None else
                    {p.relative_path for p in site.all_posts} |
                    {p.relative_path for p in subjects})
    kept += checker.judge_waiting()

    after = [r for r in RULES if r.scope == "after"
             and not any(matches(r, s) for s in selection.ignore)]
    if options.report_unused_suppressions:
        # Judged once every other rule has run, against the rules that did.
        checker.cache["unused-suppressions"] = {
            post.path: suppressions.unused(checker.directives.of(post.path), chosen)
            for post in checked}
    # What the other rules left behind (unused suppressions, posts they gave up on).
    kept += [d for later in after for post in checked
             for f in _run(later, post, checker.contexts[later], str(post.path))
             if (d := _diagnostic(later, f, post.path, site, config)) is not None]
    facts = checker.cache.get("facts")
    summary = facts.external_summary if facts and settings.links.external else None
    if stored is None or key is None:
        return kept, files, summary, None
    links_to = {target: frozenset(linking) for target, linking in linkers.items()}
    if basis is not None:
        # The last basis, but for what the posts checked now do.
        now = {p.relative_path for p in subjects}
        every_time |= basis.again - now
        for target, linking in basis.linkers.items():
            rest = linking - now if not linking.isdisjoint(now) else linking
            links_to[target] = links_to[target] | rest if target in links_to else rest
    return kept, files, summary, resultcache.Basis(
        key.options, key.files, stored.context, fronts, frozenset(every_time),
        {target: linking for target, linking in links_to.items() if linking})


def _patch_plan(site: Site, basis: resultcache.Basis, key: resultcache.ReportKey
                ) -> frozenset[str] | None:
    """What to check again (site-relative paths) when only some posts' bodies changed since
    the last report: those posts, the ones checked on every run, and what links to a
    fragment of any of them. None when the report cannot be patched: a file other than a
    post changed, a file came or went, or a changed post's front matter makes something
    else of it."""
    if key.files.keys() != basis.files.keys():
        return None
    changed = {relative for relative, seen in key.files.items()
               if basis.files[relative] != seen}
    if not changed <= basis.fronts.keys():
        return None
    posts = [p for p in site.all_posts if p.relative_path in changed]
    if len(posts) != len(changed) or \
            any(_front(p, site) != basis.fronts[p.relative_path] for p in posts):
        return None
    redo = changed | basis.again
    for relative in list(redo):
        redo |= basis.linkers.get(relative, frozenset())
    return frozenset(redo)


@dataclass(frozen=True)
class _Checked:
    """What checking one post gives back to the process that reports."""

    diagnostics: list[Diagnostic]
    # Findings that stand unless another post has one of some ids (Finding.unless_id):
    # tens of thousands in a large site, nearly all of them to be dropped, so kept as plain
    # tuples and made diagnostics only if they stand.
    pending: list[_Pending]
    ids: str | None  # the post's ids (pack_ids), for the fragments of links to it
    over_budget: bool
    reads_others: bool  # the check read other posts' text (postcache: it depends on them)


# (the other post's file, the ids any of which clears it, rule code, message, start line and
# column, end line and column: 0 for none, fix). Numbers, not positions: 50,000 of them are
# read back from the cache on every run, and nearly all are dropped.
_Pending = tuple[str, tuple[str, ...], str, str, int, int, int, int, Fix | None]
# A pending finding as it waits: the file of the post it is on, then _Pending's fields but
# the first.
_Waiting = tuple[str, tuple[str, ...], str, str, int, int, int, int, Fix | None]


def _rule(code: str) -> Rule:
    rule = find_rule(code)
    assert rule is not None  # the code of a rule that ran
    return rule


class _Checker:
    """The rules of one run on one site, a post at a time (in whichever process)."""

    def __init__(self, site: Site, config: Config, settings: Any, checked: list[Post],
                 layouts: list[Post], directives_wanted: bool) -> None:
        self.site, self.config = site, config
        self.cache: dict[str, Any] = {}  # per-site facts shared by the rules
        self.contexts = {rule: RuleContext(site, config.options(rule), settings, self.cache,
                                           checked) for rule in RULES}
        self.directives = suppressions.SiteSuppressions(site, checked + layouts)
        self.directives_wanted = directives_wanted  # for unused suppressions, at the end
        self.ids: dict[str, str] = {}  # each rendered post's ids (pack_ids), by its file
        # Pending findings of the posts gathered so far, by the file whose ids are awaited:
        # judged as soon as those ids arrive, so few are held at once.
        self.waiting: dict[str, list[_Waiting]] = {}

    @property
    def facts(self) -> SiteFacts:
        return SiteFacts.of(next(iter(self.contexts.values())))

    def keep(self, rule: Rule, finding: Finding, path: Path) -> Diagnostic | None:
        d = _diagnostic(rule, finding, path, self.site, self.config)
        if d is None or suppressions.suppressed(d, rule, self.directives.of(path)):
            return None
        return d

    def check(self, post: Post, rules: list[Rule]) -> _Checked:
        """Every rule on one post, made whole for the time of its check and light again
        after it: nothing of a post outlives its check but its findings and ids."""
        with post.whole_for_now(self.site):
            return self._check(post, rules)

    def _check(self, post: Post, rules: list[Rule]) -> _Checked:
        reads, path = Post.light_reads, post.path
        diagnostics, pending = [], []
        for rule in rules:
            for finding in _run(rule, post, self.contexts[rule], post.file):
                if finding.unless_id is None:
                    if (d := self.keep(rule, finding, path)) is not None:
                        diagnostics.append(d)
                elif not _ignored(rule, path, self.site, self.config):
                    start, end = finding.start, finding.end
                    target, names = finding.unless_id
                    pending.append((target, tuple(dict.fromkeys(names)), rule.code,
                                    finding.message,
                                    start.line if start else 0,
                                    start.column if start else 0,
                                    end.line if end else 0, end.column if end else 0,
                                    finding.fix))
        if self.directives_wanted:
            self.directives.of(path)  # read while the post's text is at hand
        facts: SiteFacts | None = self.cache.get("facts")
        others = Post.light_reads != reads
        if facts is None:
            return _Checked(diagnostics, pending, None, False, others)
        ids = facts.forget(post)
        return _Checked(diagnostics, pending,
                        pack_ids(ids) if ids is not None and not post.is_layout else None,
                        post.file in facts.over_budget, others)

    def wait(self, file: str, pending: list[_Pending]) -> list[Diagnostic]:
        """The pending findings of the post in `file` that stand by the ids known so far;
        the others wait for their target's ids."""
        found = []
        for item in pending:
            # The post's file in place of the target's (the key it waits under): of 500,000
            # such findings in a 100,000-post site, a quarter wait at once.
            entry = (file, *item[1:])
            known = self.ids.get(item[0])
            if known is None:
                self.waiting.setdefault(item[0], []).append(entry)
            elif (d := self._stands(entry, known)) is not None:
                found.append(d)
        return found

    def arrived(self, target: str) -> list[Diagnostic]:
        """The waiting findings that stand now that the post at `target` gave its ids."""
        known = self.ids[target]
        return [d for entry in self.waiting.pop(target, ())
                if (d := self._stands(entry, known)) is not None]

    def judge_waiting(self) -> list[Diagnostic]:
        """The findings still waiting, on posts this run did not check: each such post is
        rendered here, once."""
        found = []
        for target in sorted(self.waiting):
            self.ids[target] = pack_ids(self.facts.links(self.site.by_path[target]).ids)
            found += self.arrived(target)
        return found

    def _stands(self, entry: _Waiting, known: str) -> Diagnostic | None:
        file, names, code, message, line, column, end_line, end_column, fix = entry
        if any(has_id(known, name) for name in names):
            return None
        return self.keep(_rule(code), Finding(
            Position(line, column) if line else None, message,
            Position(end_line, end_column) if end_line else None, fix), Path(file))


def _post_results(site: Site, config: Config, options: CheckOptions, index: SiteIndex,
                  walk: _Walk | None, basis: resultcache.Basis | None = None
                  ) -> tuple[PostResults | None, dict[str, bytes]]:
    """The posts' kept results, for what this run's site and options are besides the
    posts' bodies (see postcache.py), and what each post's front matter makes of it. With
    the `basis` of a report being patched, both are the last run's: nothing but some posts'
    bodies has changed since (_patch_plan)."""
    settings = _run_settings(config, options)
    if settings is None:
        return None, {}
    posts = frozenset(p.relative_path for p in site.all_posts)
    if basis is not None:
        context, fronts = basis.context, basis.fronts
    else:
        fronts = {p.relative_path: _front(p, site) for p in site.all_posts}
        digest = hashlib.blake2b(b"".join(fronts.values()), digest_size=20)
        context = resultcache.files_digest(site.root, {**settings, "posts": digest.hexdigest()},
                                           leave_out=posts, files=walk() if walk else None)

    def bodies() -> bytes:
        digest = hashlib.blake2b(digest_size=20)
        for relative in sorted(posts):
            digest.update(relative.encode("utf-8", "surrogateescape") +
                          (index.digest(relative) or b"?"))
        return digest.digest()

    def own(relative: str) -> bytes | None:
        # A page's or layout's file is part of the context already.
        return index.digest(relative) if relative in posts else b""

    return PostResults.for_site(site.root, index.path.parent, context, own, bodies), fronts


def _front(post: Post, site: Site) -> bytes:
    """What a post's front matter makes of it (its data follows from its front matter, the
    configuration's defaults and the title a plugin may take from its heading), and what
    the time of the run makes of it."""
    due = post.date is not None and post.date > site.time
    return hashlib.blake2b(repr((
        post.relative_path, post.front_matter.fingerprint, post.url, post.output_path,
        post.date, post.heading_title, post.read_error, post.fatal, post.skip_reason(site),
        due)).encode("utf-8", "surrogateescape"), digest_size=16).digest()


def _checked_entries(site: Site) -> list[Entry]:
    """The pages and collection documents checked like posts: those Jekyll writes as HTML
    from Markdown or HTML (a feed, a stylesheet or a sitemap holds no page to check)."""
    kinds = (".html", *site.markdown_exts)
    return [e for e in site.entries if e.kind in ("page", "document")
            and e.relative_path.lower().endswith(kinds)
            and e.output_path.endswith((".html", "/")) and _has_source(site, e)]


def _has_source(site: Site, entry: Entry) -> bool:
    # jekyll-readme-index and optional-front-matter pages exist only if their file does.
    return (site.root / entry.relative_path).is_file()


def _run(rule: Rule, subject: object, ctx: RuleContext[object], where: str) -> list[Finding]:
    try:
        return list(rule.func(subject, ctx))
    except Exception as exc:  # a rule bug must not become a traceback for the user
        raise InternalError(f"{rule.code} {rule.name} failed on {where}: "
                            f"{type(exc).__name__}: {exc}") from exc


def _excluded(path: str | Path, site: Site, config: Config) -> bool:
    if not config.exclude:
        return False
    relative = _relative_to(Path(path), site.root)
    return any(fnmatch.fnmatchcase(relative, glob) for glob in config.exclude)


def _relative_to(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _ignored(rule: Rule, path: Path, site: Site, config: Config) -> bool:
    base = config.path.parent if config.path is not None else site.root
    relative = _relative_to(path, base)
    return any((fnmatch.fnmatchcase(relative, glob) or fnmatch.fnmatchcase(path.name, glob))
               and any(matches(rule, s) for s in selectors)
               for glob, selectors in config.per_file_ignores)


def display_path(path: str | os.PathLike[str]) -> str:
    """Relative to the current directory when the file is below it, else absolute."""
    # Strings, not Path.relative_to: asked for each of 10,000 files, a third of a second.
    text, cwd = os.fspath(path), os.getcwd()
    if text == cwd:
        return "."
    below = os.path.join(cwd, "")
    if text.startswith(below):
        text = text[len(below):]
    return text if os.sep == "/" else Path(text).as_posix()


def _diagnostic(rule: Rule, finding: Finding, path: Path, site: Site,
                config: Config) -> Diagnostic | None:
    if _ignored(rule, path, site, config):
        return None
    return Diagnostic(display_path(path), finding.start, rule.code, rule.name,
                      config.severity(rule), finding.message, finding.end, finding.fix)
