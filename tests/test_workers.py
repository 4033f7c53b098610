"""Two real gunicorn workers with the default settings never serve a stale page.

Runs bench/stale.py: the default local-memory cache (one per worker), the page cache
on, and off (then only kept fragments are reused); changes made from another process.
Slow (about a minute each): it sets up a site.
"""

import json
import shutil
import socket
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    not shutil.which("gunicorn", path=str(settings.BASE_DIR / ".venv" / "bin"))
    and not shutil.which("gunicorn"),
    reason="gunicorn is not installed",
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("page_cache", [True, False], ids=["page-cache", "fragments"])
def test_two_workers_serve_no_stale_page_after_edit_unpublish_and_schedule(
    tmp_path, page_cache
):
    output = subprocess.run(
        [
            sys.executable,
            "bench/stale.py",
            "--workers=2",
            "--polls=30",
            f"--port={free_port()}",
            f"--database-url=sqlite:///{tmp_path / 'site.sqlite3'}",
            *([] if page_cache else ["--page-cache-off"]),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert output.returncode == 0, output.stderr[-2000:]
    results = json.loads(output.stdout.strip().splitlines()[-1])
    if page_cache:
        # The pages really came from the workers' caches before each change.
        assert results["cache_hits_before_edit"] > 0
    assert results["edit"] == 0
    assert results["unpublish"] == 0
    assert results["schedule_shown_early"] == 0
    assert results["schedule"] == 0
    assert results["headers"]["ETag"]
    assert "public" in results["headers"]["Cache-Control"]
