"""Load-and-fault harness (issue 14): a State-wide data set on a real PostgreSQL, the
production server (gunicorn + the task worker), a locust load on loopback, SIGKILLs
mid-run, and a reconciliation of what the clients saw acknowledged against the database.

Entry point: bench/bench_load.py.
"""
