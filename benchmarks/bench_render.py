"""Render throughput against a bare mistune render of the same bodies, in one run.

    python benchmarks/bench_render.py            # sizes 1000 and 10000
    python benchmarks/bench_render.py 500 2000   # other sizes

For each synthetic site a child process loads the site, then times (best of three, same
process, same bodies): `bare`, mistune's default HTML render of each body; `render`,
notelint's Liquid + kramdown-GFM render of each published post; `normalize`, the
BeautifulSoup/html5lib normalization `notelint render` adds before writing. The ratio is
render / bare. Peak RSS is the child's, so it covers everything it did.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from generate_site import generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RUNS = 3


def _best(func: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def child(site: Path) -> None:
    sys.path.insert(0, str(REPO))
    import mistune

    from notelint.jekyll.site import Site
    from notelint.render import Renderer
    from notelint.render.normalize import normalize

    loaded = Site.load(site)
    posts = loaded.published_posts()
    bodies = [p.body for p in posts]
    bare_md = mistune.create_markdown()

    def bare() -> None:
        for body in bodies:
            bare_md(body)

    results: list[str] = []

    def render() -> None:
        renderer = Renderer(loaded)  # a fresh one: nothing cached between runs
        results[:] = [renderer.render(p).html for p in posts]

    bare_s, render_s = _best(bare), _best(render)
    normalize_s = _best(lambda: [normalize(h) for h in results])
    print(json.dumps({"posts": len(posts), "bare": bare_s, "render": render_s,
                      "normalize": normalize_s}))


def measure(site: Path) -> tuple[dict[str, float], float]:
    command = [sys.executable, __file__, "--child", str(site)]
    child_process = subprocess.Popen(command, stdout=subprocess.PIPE)
    assert child_process.stdout is not None
    output = child_process.stdout.read()
    _, status, usage = os.wait4(child_process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark child failed on {site}")
    return json.loads(output), usage.ru_maxrss / 1024


def main(sizes: list[int]) -> None:
    print(f"{'posts':>7} {'bare s':>8} {'render s':>9} {'ratio':>6} {'posts/s':>8} "
          f"{'normalize s':>12} {'peak MiB':>9}")
    for size in sizes:
        site = HERE / "_sites" / str(size)
        if not (site / "_config.yml").exists():
            generate(size, site)
        figures, peak = measure(site)
        ratio = figures["render"] / figures["bare"]
        print(f"{figures['posts']:>7} {figures['bare']:>8.2f} {figures['render']:>9.2f} "
              f"{ratio:>6.2f} {figures['posts'] / figures['render']:>8.0f} "
              f"{figures['normalize']:>12.2f} {peak:>9.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[2]))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 10000])
