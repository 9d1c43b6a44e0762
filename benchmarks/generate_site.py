"""Write a realistic synthetic Jekyll site with N posts (deterministic for a given N).

    python benchmarks/generate_site.py 10000 benchmarks/_sites/10000
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

TOPICS = ["python", "jekyll", "ruby", "rust", "compilers", "databases", "statistics",
          "machine-learning", "teaching", "writing", "linux", "networks", "security",
          "performance", "testing", "design", "typography", "mathematics", "physics", "travel"]
CATEGORIES = ["notes", "essays", "tutorials", "reading", "research"]
WORDS = ["the", "a", "model", "of", "data", "system", "we", "this", "that", "with", "from",
         "each", "time", "result", "error", "paper", "method", "value", "build", "test", "page",
         "post", "result", "measure", "code", "graph", "run", "figure", "table", "student",
         "lecture", "proof", "kernel", "cache", "query", "index", "thread", "memory", "network",
         "layout", "theme", "note", "draft", "review", "draft", "reader", "writer", "author",
         "method", "approach"]
CONFIG = """title: Synthetic notes
url: https://example.org
baseurl: /notes
permalink: /:categories/:year/:month/:day/:title/
timezone: Europe/Berlin
markdown: kramdown
kramdown:
  input: GFM
defaults:
  - scope:
      path: ""
      type: posts
    values:
      layout: post
      author: A. Writer
exclude: [README.md, Gemfile.lock]
"""


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 20))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, slugs: list[str]) -> str:
    parts = []
    for section in range(rng.randint(2, 5)):
        parts.append(f"## Part {section + 1}: {rng.choice(WORDS)} and {rng.choice(WORDS)}\n")
        for _ in range(rng.randint(1, 3)):
            parts.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) + "\n")
        kind = rng.random()
        if kind < 0.3:
            parts.append("```python\ndef measure(values):\n    return sum(values) / len(values)"
                         "\n```\n")
        elif kind < 0.5:
            parts.append("| metric | before | after |\n| --- | ---: | ---: |\n"
                         f"| time | {rng.randint(10, 99)} ms | {rng.randint(1, 9)} ms |\n")
        elif kind < 0.7 and slugs:
            parts.append(f"See [an earlier note]({{% post_url {rng.choice(slugs)} %}}).\n")
        else:
            parts.append("".join(f"- {_sentence(rng)}\n" for _ in range(rng.randint(2, 5))))
    return "\n".join(parts)


def _front_matter(rng: random.Random, index: int, date: dt.datetime) -> str:
    tags = sorted(set(rng.sample(TOPICS, rng.randint(1, 4))))
    lines = [
        "---",
        f"title: \"Note {index}: {rng.choice(WORDS)} {rng.choice(WORDS)}\"",
        f"date: {date:%Y-%m-%d %H:%M:%S} +0100",
        f"description: {_sentence(rng)}",
        f"tags: [{', '.join(tags)}]",
        f"categories: {rng.choice(CATEGORIES)}",
    ]
    if rng.random() < 0.1:
        lines.append("toc: true")
    lines.append("---")
    return "\n".join(lines) + "\n"


def generate(count: int, root: Path) -> Path:
    rng = random.Random(count)
    (root / "_posts").mkdir(parents=True, exist_ok=True)
    (root / "_layouts").mkdir(exist_ok=True)
    (root / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (root / "_layouts" / "default.html").write_text(
        "<!doctype html><title>{{ page.title }}</title>{{ content }}\n", encoding="utf-8")
    (root / "_layouts" / "post.html").write_text(
        "---\nlayout: default\n---\n<article>{{ content }}</article>\n", encoding="utf-8")
    (root / "about.md").write_text("---\nlayout: default\ntitle: About\n---\nAbout me.\n",
                                   encoding="utf-8")
    start = dt.datetime(2010, 1, 1, 9, 0)
    slugs: list[str] = []
    for index in range(count):
        date = start + dt.timedelta(hours=index * 7 + rng.randint(0, 5))
        slug = f"{date:%Y-%m-%d}-note-{index}-{rng.choice(WORDS)}"
        folder = root / "_posts" / f"{date:%Y}"
        folder.mkdir(exist_ok=True)
        text = _front_matter(rng, index, date) + _body(rng, slugs[-50:])
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        slugs.append(f"{date:%Y}/{slug}")
    return root


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
