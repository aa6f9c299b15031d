"""Load benchmark, made honest: the shop and a bare Flask "hello" app (bench/hello.py), both served
by the same gunicorn settings in the same run, measured with `wrk -t1 -c8` in alternating turns
(hello, page, hello, page...) for at least five rounds. For each page it reports the median of the
per-round ratios page/hello, its median requests/s, p50 and p99 latency, and every non-2xx answer
and socket error (a row with any is marked "!"), then the RSS of each shop worker after the load.

    .venv/bin/python bench/load.py --db sqlite --size demo      # or --db postgres --size scale
    make bench                                                  # all four, the README table

Sizes: "demo" is `flask seed-demo`; "scale" adds `flask seed-scale` (10,000 products, 1,000 makers,
100,000 orders). PostgreSQL uses $BENCH_DATABASE_URL (its tables are dropped and rebuilt). Only
127.0.0.1 is ever loaded. The load generator shares the machine's cores with the server: compare
ratios within a run, not absolute figures across machines.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PAGES = [
    "/",
    "/products",
    "/products?sort=price_asc&min_price=60000",
    "/products/{slug}",
    "/makers",
    "/makers/{maker}",
    "/impact",
]
GUNICORN = ["--workers", "2", "--worker-class", "sync", "--config", "/dev/null"]


@dataclass
class Sample:
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


@dataclass
class Row:
    page: str
    samples: list[Sample] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url: str, seconds: int) -> Sample:
    out = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return Sample(
        rps,
        p50,
        p99,
        int(non_2xx.group(1)) if non_2xx else 0,
        sum(int(n) for n in errors.groups()) if errors else 0,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, port: int, env: dict, folder: Path, name: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), *GUNICORN, "--bind", f"127.0.0.1:{port}", app],
        cwd=ROOT / ("bench" if app.startswith("hello") else ""),
        env=env,
        stdout=(folder / f"{name}.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                answer.read()
            return process
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{name} did not start: see {folder / (name + '.log')}")


def worker_rss_mb(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def prepare(db: str, size: str, folder: Path) -> dict:
    env = {
        **os.environ,
        "APP_ENV": "development",
        "INSTANCE_DIR": str(folder),
        "FLASK_APP": "wsgi",
        "LOG_LEVEL": "WARNING",
        "RATELIMIT_ENABLED": "0",
    }
    env.pop("CACHE_REDIS_URL", None)
    if db == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL")
        if not url:
            sys.exit("--db postgres needs BENCH_DATABASE_URL (its tables are dropped)")
        env["DATABASE_URL"] = url
        # Everything goes, the migrations' functions and triggers too.
        drop = "from storefront import create_app\nfrom storefront.extensions import db\n"
        drop += "app = create_app()\nwith app.app_context():\n"
        drop += "    db.session.execute(db.text('DROP SCHEMA public CASCADE'))\n"
        drop += "    db.session.execute(db.text('CREATE SCHEMA public'))\n"
        drop += "    db.session.commit()\n"
        subprocess.run([str(BIN / "python"), "-c", drop], cwd=ROOT, env=env, check=True)
    flask = [str(BIN / "flask")]
    quiet = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    subprocess.run([*flask, "db", "upgrade"], **quiet)
    subprocess.run([*flask, "seed-demo", "--photo-width", "600"], **quiet)
    if size == "scale":
        started = time.monotonic()
        out = subprocess.run([*flask, "seed-scale"], **quiet, text=True).stdout
        print(f"  seed-scale: {time.monotonic() - started:.0f} s ({out.strip()[:60]}...)")
    return env


def targets(env: dict) -> dict:
    code = (
        "from storefront import create_app\nfrom storefront.extensions import db\n"
        "app = create_app()\nwith app.app_context():\n"
        "    print(db.session.execute(db.text(\"select slug from product where status='live' "
        'order by id limit 1")).scalar())\n'
        "    print(db.session.execute(db.text('select slug from maker order by id limit 1'))"
        ".scalar())\n"
    )
    out = subprocess.run(
        [str(BIN / "python"), "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    slug, maker = out.stdout.split()[-2:]
    return {"slug": slug, "maker": maker}


def run(db: str, size: str, rounds: int, seconds: int) -> str:
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{db}-{size}-"))
    print(f"{db} / {size}: preparing in {folder}", flush=True)
    env = prepare(db, size, folder)
    names = targets(env)
    shop_port, hello_port = free_port(), free_port()
    shop = serve("wsgi:app", shop_port, env, folder, "shop")
    hello = serve("hello:app", hello_port, {**os.environ}, folder, "hello")
    rows = [Row(page.format(**names)) for page in PAGES]
    hello_samples: list[Sample] = []
    try:
        for row in rows:  # warm-up: fills the page cache, lets each worker load its code
            wrk(f"http://127.0.0.1:{shop_port}{row.page}", 1)
        for number in range(rounds):
            for row in rows:
                base = wrk(f"http://127.0.0.1:{hello_port}/", seconds)
                sample = wrk(f"http://127.0.0.1:{shop_port}{row.page}", seconds)
                hello_samples.append(base)
                row.samples.append(sample)
                row.ratios.append(sample.rps / base.rps if base.rps else 0.0)
            print(f"  round {number + 1}/{rounds} done", flush=True)
        rss = worker_rss_mb(shop.pid)
    finally:
        for process in (shop, hello):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return table(db, size, rows, hello_samples, rss)


def table(db: str, size: str, rows: list[Row], hello: list[Sample], rss: list[float]) -> str:
    def med(values):
        return statistics.median(values)

    lines = [
        f"**{db}, {size} data** (bare hello: {med([s.rps for s in hello]):.0f} req/s, "
        f"p99 {med([s.p99_ms for s in hello]):.1f} ms)",
        "",
        "| page | vs hello (median of rounds) | req/s | p50 ms | p99 ms | non-2xx "
        "| socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        non_2xx = sum(s.non_2xx for s in row.samples)
        errors = sum(s.socket_errors for s in row.samples)
        mark = " !" if non_2xx or errors else ""
        label = re.sub(r"^/products/[^?]+$", "/products/<slug>", row.page)
        label = re.sub(r"^/makers/.+$", "/makers/<slug>", label)
        lines.append(
            f"| `{label}`{mark} | {med(row.ratios):.2f} | {med([s.rps for s in row.samples]):.0f} "
            f"| {med([s.p50_ms for s in row.samples]):.1f} "
            f"| {med([s.p99_ms for s in row.samples]):.1f} | {non_2xx} | {errors} |"
        )
    hello_bad = sum(s.non_2xx + s.socket_errors for s in hello)
    lines.append("")
    lines.append(
        f"Worker RSS after the load: {', '.join(f'{mb:.0f} MB' for mb in rss)}."
        + (f" Hello app: {hello_bad} non-2xx/socket errors!" if hello_bad else "")
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), action="append")
    parser.add_argument("--size", choices=("demo", "scale"), action="append")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=3)
    args = parser.parse_args()
    if args.rounds < 5:
        parser.error("at least five rounds")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk (make bench does it)")
    load = os.getloadavg()
    print(f"load average before the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    out = []
    for db in args.db or ["sqlite"]:
        for size in args.size or ["demo"]:
            out.append(run(db, size, args.rounds, args.seconds))
            print(out[-1], flush=True)
    print("\n\n".join(out))


if __name__ == "__main__":
    main()
