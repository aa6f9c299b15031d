"""Lighthouse page audits (mobile, offline) of the shop with the demo data, served by gunicorn as
in bench/load.py: performance, accessibility, best practices and SEO for the six public pages a
buyer meets first, printed as the README's table.

    make lighthouse                         # installs Lighthouse from bench/lighthouse's lock file
    .venv/bin/python bench/lighthouse.py    # the same, once it is installed

Lighthouse runs Debian's chromium (`CHROME_PATH`, default /usr/bin/chromium). It always warns
that this machine's CPU is slow: compare scores only between runs on the same machine.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import free_port, prepare, serve, targets  # bench/ is not a package

HERE = Path(__file__).resolve().parent / "lighthouse"
PAGES = ["/", "/products", "/products/{slug}", "/makers", "/makers/{maker}", "/impact"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def audit(url: str, folder: Path) -> dict[str, int]:
    report = folder / "report.json"
    subprocess.run(
        [
            str(HERE / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
        timeout=180,
    )
    scores = json.loads(report.read_text())["categories"]
    return {name: round(100 * (scores[name]["score"] or 0)) for name in CATEGORIES}


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    env = prepare("sqlite", "demo", folder)
    found = targets(env)
    port = free_port()
    server = serve("wsgi:app", port, env, folder, "shop")
    try:
        print("| page | performance | accessibility | best practices | SEO |")
        print("|---|---:|---:|---:|---:|")
        for page in PAGES:
            path = page.format(**found)
            scores = audit(f"http://127.0.0.1:{port}{path}", folder)
            label = page.replace("{slug}", "<slug>").replace("{maker}", "<slug>")
            print(f"| `{label}` | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
