"""What concerto/pagecache.py keeps for visitors, and what it never keeps."""

import concurrent.futures
import time
import uuid

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from concerto import generations, pagecache

pytestmark = pytest.mark.django_db  # a renewal waits for the commit

SCOPE = "test:page"


def make_view(body):
    calls = []

    @pagecache.for_visitors(lambda **_address: [SCOPE])
    def view(request):
        calls.append(request)
        return body(request)

    return view, calls


def test_a_visitor_page_is_kept_until_its_scope_changes(django_capture_on_commit_callbacks):
    view, calls = make_view(lambda request: HttpResponse(f"page {len(calls)}"))
    factory = RequestFactory()
    assert view(factory.get("/p/")).content == b"page 1"
    assert view(factory.get("/p/")).content == b"page 1"
    assert view(factory.get("/p/?page=2")).content == b"page 2"  # another address
    with django_capture_on_commit_callbacks(execute=True):
        generations.renew(SCOPE)
    assert view(factory.get("/p/")).content == b"page 3"
    assert len(calls) == 3


@pytest.mark.parametrize(
    "body",
    [
        lambda request: HttpResponse(f"<input value='{get_token(request)}'>"),
        lambda request: HttpResponse("mine", headers={"Cache-Control": "private"}),
        lambda request: HttpResponse("missing", status=404),
    ],
    ids=["csrf token", "private", "not found"],
)
def test_a_page_of_its_own_is_never_kept(body):
    view, calls = make_view(body)
    factory = RequestFactory()
    view(factory.get("/p/"))
    view(factory.get("/p/"))
    assert len(calls) == 2


def test_a_request_with_a_session_or_a_post_is_never_served_a_kept_page():
    view, calls = make_view(lambda request: HttpResponse("page"))
    factory = RequestFactory()
    view(factory.get("/p/"))
    with_session = factory.get("/p/")
    with_session.COOKIES["sessionid"] = "abc"
    view(with_session)
    view(factory.post("/p/"))
    assert len(calls) == 3


def test_only_a_page_number_may_vary_what_is_kept():
    """Nobody fills the shared cache with addresses of their own making."""
    view, calls = make_view(lambda request: HttpResponse("page"))
    factory = RequestFactory()
    for address in ("/p/?page=2", "/p/?page=2"):
        view(factory.get(address))
    assert len(calls) == 1
    for address in ("/p/?page=2&x=1", "/p/?x=1", "/p/?page=99999", "/p/?page=0"):
        view(factory.get(address))
        view(factory.get(address))
    assert len(calls) == 1 + 8


def _at_once(view, readers: int) -> list:
    factory = RequestFactory()
    with concurrent.futures.ThreadPoolExecutor(readers) as pool:
        return list(pool.map(lambda _n: view(factory.get("/p/")), range(readers)))


def test_readers_asking_while_a_page_is_made_wait_for_it_instead_of_making_it_too():
    def slow(request):
        time.sleep(0.3)
        return HttpResponse("made once")

    view, calls = make_view(slow)
    responses = _at_once(view, 5)
    assert len(calls) == 1
    assert [response.content for response in responses] == [b"made once"] * 5
    assert sum(getattr(response, "from_cache", False) for response in responses) == 4


def test_a_page_not_to_keep_is_made_by_each_reader_who_waited():
    def slow_missing(request):
        time.sleep(0.2)
        return HttpResponse("missing", status=404)

    view, calls = make_view(slow_missing)
    responses = _at_once(view, 3)
    assert len(calls) == 3
    assert {response.status_code for response in responses} == {404}


def test_a_kept_fragment_gives_each_reader_a_token_and_each_form_a_key_of_its_own(monkeypatch):
    made = []

    def render(template, context, request):
        made.append(template)
        return f"{context['csrf_token']}|{pagecache.KEY_SLOT}|{pagecache.KEY_SLOT}"

    monkeypatch.setattr(pagecache, "render_to_string", render)
    first, second = RequestFactory().get("/p/"), RequestFactory().get("/p/")
    kept = [pagecache.fragment(r, [SCOPE], "forms", "forms.html", dict) for r in (first, second)]
    assert made == ["forms.html"]
    (token_1, *keys_1), (token_2, *keys_2) = (html.split("|") for html in kept)
    assert first.META["CSRF_COOKIE"] != second.META["CSRF_COOKIE"]
    assert token_1 != token_2 and pagecache.CSRF_SLOT not in token_1 + token_2
    keys = keys_1 + keys_2
    assert len({str(uuid.UUID(key)) for key in keys}) == 4


def test_a_kept_fragment_without_a_form_sets_no_csrf_cookie(monkeypatch):
    monkeypatch.setattr(pagecache, "render_to_string", lambda *args, **kwargs: "<p>liste</p>")
    request = RequestFactory().get("/p/")
    assert pagecache.fragment(request, [SCOPE], "list", "list.html", dict) == "<p>liste</p>"
    assert "CSRF_COOKIE" not in request.META


def test_each_either_of_a_page_is_served_as_its_reader_answers(monkeypatch):
    """Two questions of two names, asked once each for the whole page, and a fresh key
    in each form."""
    asked = []

    def colours(user, keys):
        asked.append(("colours", keys))
        return {"red"}

    def sizes(user, keys):
        asked.append(("sizes", keys))
        return {"1", "3"}

    monkeypatch.setattr(pagecache, "_answers", {"colours": colours, "sizes": sizes})
    page = "".join([
        "<p>", pagecache.either("colours", "red", "R+", "R-"),
        pagecache.either("colours", "blue", "B+", "B-"),
        *(pagecache.either("sizes", str(n), f"{n}+", f"{n}-") for n in (1, 2, 3)),
        f'<input value="{pagecache.KEY_SLOT}"><input value="{pagecache.KEY_SLOT}"></p>',
    ])  # fmt: skip
    request = RequestFactory().get("/")
    request.user = None
    served = pagecache._personal(request, page.encode()).decode()
    keys = served.split('value="')[1:]
    assert served.startswith("<p>R+B-1+2-3+<input value=")
    assert len({key.split('"')[0] for key in keys}) == 2
    assert all(uuid.UUID(key.split('"')[0]) for key in keys)
    assert sorted(asked) == [("colours", ["blue", "red"]), ("sizes", ["1", "2", "3"])]


def test_either_takes_only_a_registered_name_and_a_plain_key(monkeypatch):
    monkeypatch.setattr(pagecache, "_answers", {"colours": lambda user, keys: set()})
    with pytest.raises(ValueError):
        pagecache.either("shapes", "1", "yes", "no")
    with pytest.raises(ValueError):
        pagecache.either("colours", "1;<b>", "yes", "no")
