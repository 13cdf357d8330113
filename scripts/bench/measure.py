"""What the benchmarks share: a database created when missing, a request with its SQL queries
counted, and p50/p95 of many."""

import statistics
import sys
import time
from urllib.parse import urlsplit

import psycopg2
from django.db import connection


def ensure_database(url):
    """Creates the PostgreSQL database of `url` unless it is there."""
    name = urlsplit(url).path.lstrip("/")
    admin = psycopg2.connect(url.replace(f"/{name}", "/postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def counted_get(client, path):
    """(response, SQL queries); an execute wrapper counts every query, whatever DEBUG and the
    query log's size limit."""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(path)
    return response, count


def measure(client, paths):
    """(p50 ms, p95 ms, most queries) over one request per path; stops at the first error."""
    timings, queries = [], []
    for path in paths:
        start = time.perf_counter()
        response, count = counted_get(client, path)
        timings.append((time.perf_counter() - start) * 1000)
        queries.append(count)
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code}")
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)], max(queries)
