"""External links: 2,000 distinct URLs on 5 local hosts, each answer delayed 50 ms.

    python benchmarks/bench_external.py [URLS] [DELAY_MS]

The servers run in a child process (127.0.0.1 ... 127.0.0.5, one port each) so that they
do not share the checker's interpreter. Prints the wall time of a first run (empty cache)
and of a second run (cache), and the number of requests each URL received.
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HOSTS = [f"127.0.0.{i}" for i in range(1, 6)]


def _serve(delay: float, ports: multiprocessing.Queue, counts: multiprocessing.Queue,
           stop: multiprocessing.Event) -> None:  # type: ignore[type-arg]
    import threading

    from tests.linkserver import LinkServer
    servers = [LinkServer(host, delay=delay) for host in HOSTS]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ports.put([s.server_address[1] for s in servers])
    stop.wait()
    total: dict[str, int] = {}
    for server in servers:
        for (_method, path), n in server.requests.items():
            total[f"{server.base}{path}"] = total.get(f"{server.base}{path}", 0) + n
    counts.put(total)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    delay = (int(sys.argv[2]) if len(sys.argv) > 2 else 50) / 1000
    from notelint import CheckOptions, check_paths
    ports: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    counts: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    stop = multiprocessing.Event()
    child = multiprocessing.Process(target=_serve, args=(delay, ports, counts, stop))
    child.start()
    bases = [f"http://{h}:{p}" for h, p in zip(HOSTS, ports.get(timeout=30), strict=True)]
    urls = [f"{bases[i % len(bases)]}/page/{i}" for i in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "_posts").mkdir()
        (site / "_config.yml").write_text("title: bench\n")
        per_post = 20
        for n in range(0, count, per_post):
            links = "\n".join(f"- [l]({u})" for u in urls[n:n + per_post])
            (site / "_posts" / f"2024-01-01-p{n}.md").write_text(f"---\ntitle: p\n---\n{links}\n")
        options = CheckOptions(select=("NL51",), external=True)
        started = time.perf_counter()
        first = check_paths([site], options)
        first_time = time.perf_counter() - started
        started = time.perf_counter()
        second = check_paths([site], options)
        second_time = time.perf_counter() - started
    stop.set()
    received = counts.get(timeout=30)
    child.join()
    assert first.external is not None and second.external is not None
    once = sum(1 for u in urls if received.get(u) == 1)
    print(f"{count} URLs on {len(HOSTS)} hosts, {delay * 1000:.0f} ms per answer "
          f"(defaults: concurrency 32, per-host 8)")
    print(f"first run:  {first_time:.2f} s, {first.external.requests} requests, "
          f"{len(first.diagnostics)} findings")
    print(f"second run: {second_time:.2f} s, {second.external.requests} requests, "
          f"{second.external.cached} from the cache")
    print(f"URLs requested exactly once: {once}/{count}; total requests received: "
          f"{sum(received.values())}")


if __name__ == "__main__":
    main()
