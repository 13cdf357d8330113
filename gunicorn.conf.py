"""gunicorn's settings, read by `gunicorn portal.wsgi` run in this folder (make bench, and the
production service of docs/operations.md). Workers and address are given on the command line."""

import gc

# The application is loaded once, before the workers fork, so they share its memory.
preload_app = True


def post_fork(server, worker):
    # A page makes tens of thousands of short-lived objects: collecting the youngest
    # generation every 50,000 allocations rather than every 700 saves CPU on every request,
    # and what was loaded before the fork is left out of collections altogether.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
