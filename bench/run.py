"""Benchmark the site as served in production: gunicorn, WhiteNoise, DEBUG off.

Prints, for each page: SQL queries per request, requests per second under gunicorn
next to a trivial view served the same way — with nothing kept (page cache and kept
fragments off), with the page cache off (the issue's "uncached": pages rendered on every
request around their kept fragments) and with the page cache on — and worker memory;
then cached variants (tracking parameters, a junk session cookie, a 304 revalidation)
and the cached home page's rate while four clients post wrong passwords.
bench/stale.py counts stale pages after edits with two workers.
Run: .venv/bin/python bench/run.py [--seconds 5] [--workers 2] [--events 3000]
     [--database-url URL]
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
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PAGES = [
    ("trivial view (/healthz)", "/healthz"),
    ("home", "/en/"),
    ("timeline", "/en/timeline/"),
    ("timeline, filtered", "/en/timeline/?era=post-soviet-diplomacy&q=declaration"),
    ("event", "/en/timeline/joint-declaration-1956/"),
    ("era", "/en/eras/cold-war-stalemate/"),
    ("positions", "/en/positions/"),
    ("islands", "/en/islands/"),
    ("topic", "/en/positions/legal-basis-of-sovereignty/"),
    ("document", "/en/documents/treaty-of-shimoda/"),
    ("sources", "/en/sources/"),
    ("home, Japanese", "/ja/"),
    ("timeline, Russian, 択捉", "/ru/timeline/?q=%E6%8A%9E%E6%8D%89"),
    ("event, Japanese", "/ja/timeline/joint-declaration-1956/"),
    ("search, Russian", "/ru/search/?q=%D0%98%D1%82%D1%83%D1%80%D1%83%D0%BF"),
]
# Cached variants of the home page that must not fall through to rendering.
VARIANTS = [
    ("home ?utm_source=x", "/en/?utm_source=news&fbclid=x", []),
    ("home, junk session cookie", "/en/", ["Cookie: sessionid=not-a-session"]),
    ("home, If-None-Match (304)", "/en/", None),  # the ETag is filled in at run time
]
# --events N adds N published events (in the eras, with a source) to the shipped ones.
ADD_EVENTS = """
import datetime, random
from timeline.models import Citation, Era, Event, Source
random.seed(1)
eras = list(Era.objects.all())
source = Source.objects.first()
events = []
for number in range({count}):
    era = random.choice(eras)
    year = random.randint(era.start_year, era.end_year or 2025)
    events.append(Event(
        slug=f"bench-{{number}}", title_en=f"Bench event {{number}}",
        title_ja=f"試験の出来事{{number}}", title_ru=f"Тестовое событие {{number}}",
        summary_en="A generated event.", summary_ja="生成した出来事。",
        summary_ru="Созданное событие.", date=datetime.date(year, 6, 1), era=era,
        status="published"))
Event.objects.bulk_create(events, batch_size=500)
Citation.objects.bulk_create(
    [Citation(event=event, source=source) for event in
     Event.objects.filter(slug__startswith="bench-")], batch_size=500)
"""


def environment(database_url, cache_seconds, fragment_seconds=3600):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dispute_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Plain http here: the CSRF cookie must come back for the login flood.
        "DJANGO_SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "DJANGO_CACHE_SECONDS": str(cache_seconds),
        "DJANGO_FRAGMENT_CACHE_SECONDS": str(fragment_seconds),
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
        "        response = client.get(url)\n"
        "    size = len(response.content)\n"
        "    print(f'{name}\\t{response.status_code}\\t{len(queries)}\\t{size}')\n"
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
        line.split("\t")[0]: tuple(line.split("\t")[1:])
        for line in output.strip().splitlines()
    }


def start_gunicorn(env, port, workers, threads=1):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "dispute_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            *(
                ["--worker-class", "gthread", "--threads", str(threads)]
                if threads > 1
                else []
            ),
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


def requests_per_second(port, path, seconds, headers=(), settle_first=True):
    if settle_first:
        settle(port)
    header_args = [arg for header in headers for arg in ("-H", header)]
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", *header_args]
        + [f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, int(errors.group(1)) if errors else 0


def settle(port, timeout=60):
    """Wait until the workers are idle: a slow page leaves requests queued after wrk
    stops, which would be counted against the next page."""
    deadline = time.monotonic() + timeout
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout)
        quick = quick + 1 if time.monotonic() - started < 0.02 else 0
        time.sleep(0.05)


def etag_of(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
        return response.headers["ETag"]


def flood_logins(port, stop, counter):
    """Post wrong passwords to the admin login as fast as one client can."""
    import http.cookiejar

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{port}/admin/login/"
    page = opener.open(url).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "admin", "password": "wrong"}
    ).encode()
    while not stop.is_set():
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        try:
            opener.open(request).read()
        except urllib.error.HTTPError as error:
            counter[error.code] = counter.get(error.code, 0) + 1
        else:
            counter[200] = counter.get(200, 0) + 1


def rate_during_login_flood(port, path, seconds, clients=4):
    import threading

    stop, counter = threading.Event(), {}
    threads = [
        threading.Thread(target=flood_logins, args=(port, stop, counter))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    settle(port)
    try:
        time.sleep(1)
        rate = requests_per_second(port, path, seconds, settle_first=False)[0]
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return rate, counter


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=1, help="gthread threads (make serve: 4)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--events", type=int, default=0, help="extra events to add")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")

    scratch = Path(tempfile.mkdtemp(prefix="dispute-bench-"))
    database_url = args.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
    env = environment(database_url, cache_seconds=0, fragment_seconds=0)
    manage(env, "setup_site", "-v0")
    if args.events:
        manage(env, "shell", "-c", ADD_EVENTS.format(count=args.events))
    manage(env, "collectstatic", "--noinput", "-v0")
    counts = query_counts(env)

    results = {}
    # "raw": nothing kept; 0: the page cache off, kept fragments on; 600: both on.
    for cache_seconds in ("raw", 0, 600):
        if cache_seconds == "raw":
            env = environment(database_url, 0, fragment_seconds=0)
        else:
            env = environment(database_url, cache_seconds)
        process = start_gunicorn(env, args.port, args.workers, args.threads)
        try:
            for name, path in PAGES:
                requests_per_second(args.port, path, 1)  # warm up
                results[name, cache_seconds] = requests_per_second(
                    args.port, path, args.seconds
                )
            # The trivial view once more at the end: its mean is the run's yardstick.
            results["trivial again", cache_seconds] = requests_per_second(
                args.port, PAGES[0][1], args.seconds
            )
            if cache_seconds == 600:
                for name, path, headers in VARIANTS:
                    if headers is None:
                        headers = [f"If-None-Match: {etag_of(args.port, path)}"]
                    results[name, cache_seconds] = requests_per_second(
                        args.port, path, args.seconds, headers
                    )
                # Real password hashing: a user whose password wrong guesses hit.
                manage(
                    env,
                    "shell",
                    "-c",
                    "from django.contrib.auth.models import User; "
                    "User.objects.filter(username='admin').exists() or "
                    "User.objects.create_superuser('admin', 'a@example.org', "
                    "'a-long-bench-passphrase')",
                )
                results["flood"] = rate_during_login_flood(
                    args.port, "/en/", args.seconds
                )
            memory, workers = worker_memory_mb(process)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
        results["memory", cache_seconds] = (memory, workers)

    print(
        f"\ngunicorn, {args.workers} workers x {args.threads} threads, "
        f"wrk -t2 -c8 -d{args.seconds}s, "
        f"database {database_url.split(':')[0]}, DEBUG off, WhiteNoise, "
        f"shipped content + {args.events} events"
    )
    print(
        "req/s, and % of the trivial view's rate in the same gunicorn run: with "
        "nothing kept; with the page cache off (kept fragments on); with it on"
    )
    print(
        f"{'page':30} {'status':>6} {'queries':>7} {'KB':>6} "
        f"{'nothing kept':>16} {'page cache off':>16} {'page cache on':>16}"
    )
    trivial = {
        mode: (results[PAGES[0][0], mode][0] + results["trivial again", mode][0]) / 2
        for mode in ("raw", 0, 600)
    }
    print(
        "trivial view, first and last of each run (req/s): "
        + ", ".join(
            f"{results[PAGES[0][0], mode][0]:.0f}/{again:.0f}"
            for mode in ("raw", 0, 600)
            for again in [results["trivial again", mode][0]]
        )
    )
    for name, _path in PAGES:
        status, queries, size = counts[name]
        cells = []
        flag = ""
        for mode in ("raw", 0, 600):
            rate, errors = results[name, mode]
            cells.append(f"{rate:>8.0f} {100 * rate / trivial[mode]:>6.1f}%")
            if errors:
                flag = " (non-2xx responses!)"
        print(
            f"{name:30} {status:>6} {queries:>7} {int(size) / 1024:>6.0f} "
            + " ".join(f"{cell:>16}" for cell in cells)
            + flag
        )
    cached_home = results["home", 600][0]
    for name, _path, _headers in VARIANTS:
        rate, errors = results[name, 600]
        print(
            f"{name:30} {'':>6} {'':>7} {'':>6} {'':>15} {rate:>13.0f} "
            f"{100 * rate / trivial[600]:>11.0f}% of trivial "
            f"({100 * rate / cached_home:.0f}% of cached home)"
        )
    flood_rate, answers = results["flood"]
    print(
        f"cached home during a 4-client wrong-password flood: {flood_rate:.0f} req/s "
        f"({100 * flood_rate / cached_home:.0f}% of its rate); login answers by "
        f"status: {dict(sorted(answers.items()))}"
    )
    labels = {"raw": "nothing kept", 0: "page cache off", 600: "page cache on"}
    for cache_seconds, label in labels.items():
        memory, workers = results["memory", cache_seconds]
        print(f"worker memory ({label}): {memory:.0f} MB RSS in {workers} workers")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
