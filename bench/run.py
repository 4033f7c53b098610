"""Benchmark the site as served in production: gunicorn, WhiteNoise, DEBUG off.

Prints, for each page: SQL queries per request, requests per second under gunicorn
(cache off and on) next to a trivial view served the same way, and worker memory.
Run: .venv/bin/python bench/run.py [--seconds 5] [--workers 2] [--database-url URL]
Needs wrk (apt-get install -y wrk).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PAGES = [
    ("trivial view (/healthz)", "/healthz"),
    ("home", "/"),
    ("timeline", "/timeline/"),
    ("timeline, filtered", "/timeline/?era=post-soviet-diplomacy&q=declaration"),
    ("event", "/timeline/joint-declaration-1956/"),
    ("era", "/eras/cold-war-stalemate/"),
]


def environment(database_url, cache_seconds):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dispute_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "DJANGO_CACHE_SECONDS": str(cache_seconds),
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def query_counts(env):
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        f"for name, url in {PAGES!r}:\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        status = client.get(url).status_code\n"
        "    print(f'{name}\\t{status}\\t{len(queries)}')\n"
    )
    output = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {
        line.split("\t")[0]: (line.split("\t")[1], line.split("\t")[2])
        for line in output.strip().splitlines()
    }


def start_gunicorn(env, port, workers):
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
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("gunicorn did not start")


def worker_memory_mb(process):
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    total = 0
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total / 1024, len(children)


def requests_per_second(port, path, seconds):
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")

    scratch = Path(tempfile.mkdtemp(prefix="dispute-bench-"))
    database_url = args.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
    env = environment(database_url, cache_seconds=0)
    manage(env, "setup_site", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    counts = query_counts(env)

    results = {}
    for cache_seconds in (0, 600):
        env = environment(database_url, cache_seconds)
        process = start_gunicorn(env, args.port, args.workers)
        try:
            for name, path in PAGES:
                requests_per_second(args.port, path, 1)  # warm up
                results[name, cache_seconds] = requests_per_second(
                    args.port, path, args.seconds
                )
            memory, workers = worker_memory_mb(process)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
        results["memory", cache_seconds] = (memory, workers)

    print(
        f"\ngunicorn, {args.workers} sync workers, wrk -t2 -c8 -d{args.seconds}s, "
        f"database {database_url.split(':')[0]}, DEBUG off, WhiteNoise"
    )
    print(
        f"{'page':30} {'status':>6} {'queries':>7} {'req/s no cache':>15} "
        f"{'req/s cached':>13} {'% of trivial':>12}"
    )
    trivial = results[PAGES[0][0], 0][0]
    for name, _path in PAGES:
        status, queries = counts[name]
        uncached, errors_uncached = results[name, 0]
        cached, errors_cached = results[name, 600]
        flag = " (non-2xx responses!)" if errors_uncached or errors_cached else ""
        print(
            f"{name:30} {status:>6} {queries:>7} {uncached:>15.0f} {cached:>13.0f} "
            f"{100 * uncached / trivial:>11.0f}%{flag}"
        )
    for cache_seconds in (0, 600):
        memory, workers = results["memory", cache_seconds]
        label = "cache on" if cache_seconds else "cache off"
        print(f"worker memory ({label}): {memory:.0f} MB RSS in {workers} workers")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
