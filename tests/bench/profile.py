"""Where an uncached request spends its time, on the bench database.

    .venv/bin/python -m tests.bench.profile /projets/ [/contrats/crte/ ...]
        [--login maire.cahors@grandquercy.test] [--repeat 10] [--top 25] [--sql]

Run after ``make bench`` (or with ``BENCH_DATABASE_URL`` pointing at a seeded
database). For each path: HTTP status, SQL queries and their time, CPU and wall time
per request (page cache off), then the functions with the most cumulative time, and
with ``--sql`` each query with its duration.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

from tests.bench import run as bench  # sets the environment and sys.path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--login", help="e-mail of the account to sign in as")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sql", action="store_true", help="list every query")
    options = parser.parse_args()
    os.environ["PAGE_CACHE_ENABLED"] = "false"

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    cookies = bench.session_cookies([{"login": options.login}])
    for path in options.paths:
        client = Client(HTTP_HOST="127.0.0.1")
        if options.login:
            client.cookies.load(cookies[options.login])
        status = client.get(path).status_code
        queries = []

        def timed(execute, sql, params, many, context, queries=queries):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append((time.perf_counter() - started, sql))

        with connection.execute_wrapper(timed):
            client.get(path)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(options.repeat):
            client.get(path)
        cpu = (time.process_time() - cpu) * 1000 / options.repeat
        wall = (time.perf_counter() - wall) * 1000 / options.repeat
        sql_ms = sum(duration for duration, _ in queries) * 1000
        sys.stdout.write(
            f"\n== {path}  HTTP {status}  {len(queries)} queries ({sql_ms:.1f} ms SQL)"
            f"  CPU {cpu:.1f} ms  wall {wall:.1f} ms per request\n"
        )
        if options.sql:
            for duration, sql in sorted(queries, reverse=True):
                sys.stdout.write(f"  {duration * 1000:7.2f} ms  {sql[:300]}\n")
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(options.repeat):
            client.get(path)
        profiler.disable()
        output = io.StringIO()
        stats = pstats.Stats(profiler, stream=output)
        stats.sort_stats("cumulative").print_stats(options.top)
        sys.stdout.write(output.getvalue())


if __name__ == "__main__":
    main()
