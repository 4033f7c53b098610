"""Count stale pages served by several gunicorn workers after content changes.

The site runs as `make serve` runs it: gunicorn, 2 sync workers, DEBUG off, the default
settings (the local-memory cache, one per worker, page cache on). Every worker first
caches an event page; then a separate process (as a script or another host would)
edits it, unpublishes it and schedules another one a few seconds ahead, and each change
is followed by many requests on fresh connections, spread over the workers. A response
that still shows the old state is stale.

With --page-cache-off, pages are rendered on every request and only their kept
fragments (editorial.fragments) are reused: those must not be stale either.

Run: .venv/bin/python bench/stale.py [--workers 2] [--polls 60] [--database-url URL]
     [--page-cache-off]
Prints one JSON line: {"edit": 0, "unpublish": 0, "schedule": 0, ...}.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SLUG = "joint-declaration-1956"


def environment(database_url, page_cache=True):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="dispute_site.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="stale-bench-only-not-a-secret-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
    )
    if not page_cache:
        env["DJANGO_CACHE_SECONDS"] = "0"
    return env


def run_script(env, code):
    subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        check=True,
    )


def get(port, path):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Connection": "close"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers


def start_gunicorn(env, port, workers, log=os.devnull):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "dispute_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "ab"),  # closed with the process
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def warm(port, path, times):
    """Request a page often enough that every worker has stored it; count the hits."""
    return sum(get(port, path)[2].get("X-Page-Cache") == "hit" for _ in range(times))


def measure(database_url, port, workers, polls, log=os.devnull, page_cache=True):
    env = environment(database_url, page_cache)
    for command in (["setup_site", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    process = start_gunicorn(env, port, workers, log)
    path = f"/en/timeline/{SLUG}/"
    results = {"workers": workers, "polls_per_change": polls, "page_cache": page_cache}
    try:
        # 1. An edit from another process.
        results["cache_hits_before_edit"] = warm(port, path, 4 * workers + 10)
        run_script(
            env,
            "from timeline.models import Event\n"
            f"e = Event.objects.get(slug={SLUG!r})\n"
            "e.title = e.title + ' (corrected)'\n"
            "e.save()\n",
        )
        # In the page's heading: its content, a kept fragment with the page cache off
        # (the <title> is rendered afresh on every request).
        results["edit"] = sum(
            "(corrected)</h1>" not in get(port, path)[1] for _ in range(polls)
        )

        # 2. Unpublishing it.
        warm(port, path, 4 * workers + 10)
        run_script(
            env,
            "from timeline.models import Event\n"
            f"e = Event.objects.get(slug={SLUG!r})\n"
            "e.status = 'draft'\n"
            "e.save()\n",
        )
        results["unpublish"] = sum(get(port, path)[0] != 404 for _ in range(polls))

        # 3. A scheduled event: absent until its time, then on every page at once.
        warm(port, "/en/timeline/", 4 * workers + 10)
        due = time.time() + 4
        run_script(
            env,
            "import datetime\n"
            "from django.utils import timezone\n"
            "from timeline.models import Event\n"
            f"e = Event.objects.get(slug={SLUG!r})\n"
            "e.status = 'published'\n"
            "e.title = 'Scheduled appearance'\n"
            f"e.published_at = datetime.datetime.fromtimestamp({due}, datetime.UTC)\n"
            "e.save()\n",
        )
        early = 0
        while time.time() < due - 0.5:
            early += "Scheduled appearance" in get(port, "/en/timeline/")[1]
            early += get(port, path)[0] != 404
        time.sleep(max(0, due - time.time()) + 1.1)
        results["schedule_shown_early"] = early
        results["schedule"] = sum(
            "Scheduled appearance" not in get(port, "/en/timeline/")[1]
            or get(port, path)[0] != 200
            for _ in range(polls)
        )
        status, _body, headers = get(port, path)
        results["headers"] = {
            name: headers.get(name)
            for name in ("ETag", "Last-Modified", "Cache-Control", "Vary")
        }
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--polls", type=int, default=60)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--log", default=os.devnull, help="gunicorn's log file")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--page-cache-off", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="dispute-stale-"))
    try:
        database_url = args.database_url or f"sqlite:///{scratch / 'stale.sqlite3'}"
        results = measure(
            database_url,
            args.port,
            args.workers,
            args.polls,
            args.log,
            page_cache=not args.page_cache_off,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
