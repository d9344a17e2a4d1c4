"""The browser tests' live server opens its own database connections.

With Django's in-memory SQLite test database, the live server's threads and the test's
thread share one connection, which Django warns fails at random when both use it at once:
on CI, a request still running when a test ended left that connection out of autocommit,
and every later browser test failed in `transaction.on_commit` (stop 40). The SQLite test
database is a file (concerto/settings.py) so that nothing is shared, as in production."""

from django.db import connection


def test_the_live_server_shares_no_connection_with_the_test(live_server):
    assert live_server.thread.connections_override == {}
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
