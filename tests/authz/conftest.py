import pytest

from tests.worlds import built_once_per_module


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's world, built once per module inside a transaction rolled back at the
    end, with one signed-in client per role (their sessions live in that transaction, so
    they outlast each probe's savepoint)."""
    from tests.authz.probe import sign_in_clients
    from tests.authz.scenario import build

    with built_once_per_module(django_db_blocker), django_db_blocker.unblock():
        world = build()
        world.clients = sign_in_clients(world)
        yield world


@pytest.fixture(autouse=True)
def _no_pdf_rendering(monkeypatch):
    """Rendering PDFs takes seconds; the matrix only asks who gets one."""
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **k: b"%PDF-1.7 stub")
