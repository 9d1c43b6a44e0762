"""Take the README's screenshot of `notelint serve`: a post of the minima demo site
(tests/shared/corpus/minima, with the installed minima 2.5.1 gem) with a broken link added,
in headless Chromium, its findings in the preview's panel.

    python scripts/preview_screenshot.py docs/preview.png
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parent.parent
POST = "_posts/2016-05-20-welcome-to-jekyll.md"


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        shutil.copytree(REPO / "tests" / "shared" / "corpus" / "minima", site)
        post = site / POST
        post.write_text(post.read_text() + "\nRead [the archive](/archive/) next.\n")
        server = subprocess.Popen(
            [sys.executable, "-m", "notelint", "serve", "--port", "0", str(site)],
            stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NOTELINT_CACHE_DIR": str(Path(scratch) / "cache")})
        try:
            assert server.stderr is not None
            found = re.search(r"at (http://\S+) ", server.stderr.readline())
            assert found
            options = webdriver.ChromeOptions()
            options.binary_location = "/usr/bin/chromium"
            for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update",
                         "--window-size=1100,800", "--hide-scrollbars",
                         f"--user-data-dir={Path(scratch) / 'browser'}"):
                options.add_argument(flag)
            driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                                      options=options)
            try:
                driver.get(found.group(1) + "2016/05/20/welcome-to-jekyll.html")
                WebDriverWait(driver, 30).until(
                    lambda d: d.find_elements(By.CSS_SELECTOR, ".notelint-finding"))
                driver.save_screenshot(str(target))
            finally:
                driver.quit()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
