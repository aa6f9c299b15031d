"""Memory per upload stays bounded: large photos are decoded small, one at a time."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Five 36-megapixel photos decoded whole took a worker from 160 MB to 590 MB. Decoded small, one at
# a time, the growth is about one PNG at the cap (16 megapixels, 4 bytes each: 64 MB) plus change.
BOUND_MB = 100


def _run(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.functional.photo_memory_probe", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_five_large_photos_per_request_keep_peak_memory_bounded(tmp_path):
    _run("make", str(tmp_path))
    result = json.loads(_run("measure", str(tmp_path)).splitlines()[-1])
    status = {name: request["status"] for name, request in result["requests"].items()}
    # 36-megapixel JPEGs are fine: decoded small. A 36-megapixel PNG cannot be decoded small, nor
    # can a progressive JPEG (libjpeg keeps all its coefficients): both are refused before decoding.
    expected = {"big.jpg": 302, "under_cap.png": 302, "big.png": 400, "big_progressive.jpg": 400}
    assert status == expected, result
    assert "megapixels" in result["requests"]["big.png"]["page"]
    assert "progressive" in result["requests"]["big_progressive.jpg"]["page"]
    assert result["growth_kb"] < BOUND_MB * 1024, result
