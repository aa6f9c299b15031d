"""Every environment variable the configuration reads is documented in the README."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"""(?:_env_int|_env_bool|environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def test_every_setting_read_by_config_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    sources = [ROOT / "config.py", *sorted((ROOT / "storefront").rglob("*.py"))]
    names = {name for path in sources for name in READS.findall(path.read_text())}
    assert len(names) > 20  # the pattern still finds the settings
    assert sorted(name for name in names if f"`{name}`" not in readme) == []
