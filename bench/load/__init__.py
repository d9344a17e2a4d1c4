"""Load-and-fault harness (issues 14 and 28): a State-wide data set on a real PostgreSQL,
two gunicorn instances behind haproxy, two task workers, Redis and SeaweedFS, a locust
load on loopback, SIGKILLs of an instance, a worker and the cache server mid-run, a
check of the rate limits across instances, a comparison with a bare view, and a
reconciliation of what the clients saw acknowledged against the database.

Entry point: bench/bench_load.py.
"""
