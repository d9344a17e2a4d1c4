"""Pages and parts of pages read far more often than they change, kept rendered in the
shared cache under the generations of the data they show (concerto/generations.py).

- `for_visitors(scopes_of)` keeps a whole page for visitors who are not signed in: no
  session, no message waiting, so nothing on the page is theirs. A signed-in person, or
  anyone who just did something (a session, a message), gets the page made afresh.
- `for_members(scopes_of)` keeps a page for all the signed-in readers who see the same
  frame (the same abilities: the header's links); what is each reader's on it (do they
  follow this process?) is kept in both versions by `either()`, and each reader is
  served theirs.
- `for_signed_in(scopes_of)` keeps a page for each signed-in reader (an organiser's
  review page), served without running the view while nothing it reads has changed.
- `fragment(request, scopes, name, template, make_context)` keeps part of a page for
  everyone allowed to see the page (a list that costs many queries and forms); what is
  each reader's in it stands as a `slot()` the view fills on each request.

A change of the data renews its scopes, so nobody reads a page older than the last
change, on any app server; KEPT_SECONDS bounds what no write renews (a module that opens
on its date, an opinion map computed again). While the shared cache is down every read
is a miss (concerto/cache.py): each page is made afresh, as if never kept.

What must never be shared is put back on each response: the CSP nonce (every response
gets its own, or a script injected into the page could borrow the one served to all) and
the CSRF token (a form kept in a fragment carries the token of whoever reads it; a page
that needs one is not kept for visitors at all), and a form's idempotency key.
"""

import json
import re
import time
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from concerto import generations
from concerto.hooks import Slot

KEPT_SECONDS = 60
# The site-wide configuration every page's frame shows (the notice banner, the
# accessibility status): a whole kept page is kept under its generation too.
SITE_SCOPE = "site"


def slot(name: str, initial: str = "s") -> str:
    """A marker where something of each reader's goes back into a kept page or fragment:
    derived from the secret key, so that no contribution can carry one into it."""
    return initial + salted_hmac(f"concerto.pagecache.{name}", "slot").hexdigest()[:24]


# Where the nonce and the CSRF token go back.
NONCE_SLOT = slot("nonce", "n")
CSRF_SLOT = slot("csrf", "c")
# Where each form kept in a fragment gets an idempotency key of its own (IdempotentForm's
# initial value): one key served to two readers, or twice to one, would make the second
# submission a retry of the first, which stores nothing.
KEY_SLOT = slot("idempotency-key", "k")
KEY_SLOT_BYTES = KEY_SLOT.encode()
# A part of a page kept for members that is each reader's yes or no ("either"): both
# versions, between these markers, with the question's name and key.
EITHER_SLOT, OR_SLOT, END_SLOT = slot("either", "e"), slot("or", "o"), slot("end", "z")
EITHER_BYTES, OR_BYTES, END_BYTES = EITHER_SLOT.encode(), OR_SLOT.encode(), END_SLOT.encode()
# name -> answer(user, keys): the keys among `keys` for which the reader's answer is yes,
# each a Slot set once from an AppConfig.ready().
_answers: dict[str, Slot] = {}
# The platform's own abilities of a reader, which the frame shows (accounts sets it).
frame_abilities = Slot(
    "The reader's frame abilities",
    "No function gives the abilities a page's frame shows: concerto.accounts sets one.",
)
# The only query string a kept page may have: the first 9,999 pages of a list. Any other
# is rendered and not kept, so that nobody can fill the shared cache with addresses of
# their own making (the database cache culls a third of its entries when full).
KEPT_QUERY = re.compile(r"(page=[1-9][0-9]{0,3})?")
# While one reader makes a page, the others asking for it wait for that page (at most
# MAKING_SECONDS) rather than make it too: after a change, a page read by many would
# otherwise be made by every thread of every server at once (20 readers of a process's
# follow-up page at 1,000,000 contributions each counted its taux de suite,
# bench/bench_followup.py).
MAKING_SECONDS = 10
POLL_SECONDS = 0.05


def _stamp(tokens: dict[str, str]) -> str:
    return generations.fingerprint(json.dumps(tokens, sort_keys=True))


def _for_a_visitor(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and KEPT_QUERY.fullmatch(request.META.get("QUERY_STRING", "")) is not None
    )


def _for_a_member(request, query: re.Pattern) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and query.fullmatch(request.META.get("QUERY_STRING", "")) is not None
        and not len(messages.get_messages(request))
    )


def _audience(request) -> str:
    """What names the frame a signed-in reader sees: the abilities its header shows, in
    their language."""
    shown = sorted(name for name, able in frame_abilities(request.user).items() if able)
    return f"members:{get_language()}:" + generations.fingerprint(",".join(shown))


def _keepable_for_members(request, response) -> bool:
    """Keepable for its reader, and nothing in it theirs but what goes back on each
    response: no cookie of its own, nothing marked private."""
    return (
        _keepable_for_its_reader(request, response)
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def _shareable(request, response) -> bool:
    """Nothing in the response belongs to this request: no cookie, no session written,
    no message queued, no CSRF token rendered."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not len(messages.get_messages(request))
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _keepable_for_its_reader(request, response) -> bool:
    """A page of the reader's own, with no message for them (their CSRF tokens are put
    back on each response, their session may be written by the middleware)."""
    return (
        response.status_code == 200
        and not response.streaming
        and not len(messages.get_messages(request))
        and "no-store" not in response.get("Cache-Control", "")
    )


def _nonce(request) -> str:
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def for_visitors(scopes_of: Callable[..., list[str]], seconds: int = KEPT_SECONDS):
    """Keep the view's page for visitors; `scopes_of(**url_kwargs)` names what it shows,
    from the address alone (no query before the cache is read)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _for_a_visitor(request):
                return view(request, *args, **kwargs)
            return _kept_page(
                request, "", scopes_of(**kwargs), lambda: view(request, *args, **kwargs),
                lambda response: _shareable(request, response), seconds,
            )  # fmt: skip

        return wrapper

    return decorate


# Every form's token, as {% csrf_token %} and the follow button write it.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def _kept_page(request, reader: str, scopes, render, keep, seconds: int) -> HttpResponse:
    """The page kept for this address (and reader) under the scopes' current tokens, or
    `render()`'s, kept when `keep(response)` holds, with slots for the nonce and the
    CSRF tokens; either way served with its reader's own parts (`_personal`)."""
    address = f"{reader}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    key = "page:" + generations.fingerprint(address)
    watched = [*scopes, SITE_SCOPE]
    tokens, found = generations.tokens(watched, key)
    stamp = _stamp(tokens)
    kept = found.get(key)
    if kept is not None and kept["stamp"] == stamp:
        return _revive(request, kept)
    making = f"{key}:making"
    mine = cache.add(making, stamp, MAKING_SECONDS)
    if not mine:
        kept = _made_by_another(key, making, stamp)
        if kept is not None:
            return _revive(request, kept)
    try:
        response = render()
        if keep(response) and generations.settled(watched):
            slot = CSRF_SLOT.encode()
            content = CSRF_INPUT.sub(lambda m: m[1] + slot + m[2], response.content)
            nonce = _nonce(request)
            if nonce:
                content = content.replace(nonce.encode(), NONCE_SLOT.encode())
            page = {"stamp": stamp, "content": content, "type": response["Content-Type"]}
            cache.set(key, page, seconds)
        if not response.streaming:
            response.content = _personal(request, response.content)
    finally:
        if mine:
            cache.delete(making)
    return response


def _made_by_another(key: str, making: str, stamp: str) -> dict | None:
    """The page another reader is making under the same tokens, once made; None when
    they stopped without keeping it (a page not to keep), made it under other tokens, or
    took too long: then this reader makes it. It looks before it first waits: with the
    shared cache down, `add` answers False though nobody is making the page, and the
    first look (a miss) says so at once."""
    deadline = time.monotonic() + MAKING_SECONDS
    while True:
        found = cache.get_many([key, making])
        kept = found.get(key)
        if kept is not None and kept["stamp"] == stamp:
            return kept
        if found.get(making) != stamp or time.monotonic() >= deadline:
            return None
        time.sleep(POLL_SECONDS)


def for_members(
    scopes_of: Callable[..., list[str]],
    query: re.Pattern = KEPT_QUERY,
    audience_of: Callable[..., str | None] | None = None,
    seconds: int = KEPT_SECONDS,
):
    """Keep the view's page for every signed-in reader with the same abilities (the
    frame's links), each reader's own parts put back on each response: the CSRF tokens,
    the nonce, a fresh idempotency key in each form, and what the page asks through
    `either()`. The view must show nothing else of its reader; `scopes_of(**url_kwargs)`
    names what it shows. Where the page shows what the reader may do there,
    `audience_of(request, **url_kwargs)` says it (their abilities in a module), or None
    for a reader whose page is theirs alone (a barred participant reads their ban); it
    may raise Http404 as the view would. Stack it under `for_visitors` for a page kept
    for everyone."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _for_a_member(request, query):
                return view(request, *args, **kwargs)
            audience = _audience(request)
            if audience_of is not None:
                also = audience_of(request, **kwargs)
                if also is None:
                    return view(request, *args, **kwargs)
                audience += ":" + generations.fingerprint(also)

            def render():
                request.made_for_members = True
                try:
                    return view(request, *args, **kwargs)
                finally:
                    request.made_for_members = False

            return _kept_page(
                request, audience, scopes_of(**kwargs), render,
                lambda response: _keepable_for_members(request, response), seconds,
            )  # fmt: skip

        return wrapper

    return decorate


def made_for_members(request) -> bool:
    """Whether the page being made will be served to other signed-in readers: what is
    the reader's own on it must then go through `either()`."""
    return getattr(request, "made_for_members", False)


def answers_for_members(name: str, answer: Callable) -> None:
    """Register `answer(user, keys) -> the keys answered yes` for `either(name, …)`;
    called from an AppConfig.ready(). Another answer for the same name is an error."""
    missing = f"No answer is registered for {name!r}."
    _answers.setdefault(name, Slot(f"The answer to {name!r}", missing)).set(answer)


def either(name: str, key: str, yes: str, no: str) -> SafeString:
    """Both versions of a part of a page kept for members: `yes` is served to the
    readers whose answer to `name` for `key` is yes, `no` to the others."""
    if name not in _answers:
        raise ValueError(f"No answer is registered for {name!r}.")
    if not re.fullmatch(r"[a-z_]+", name) or not re.fullmatch(r"[A-Za-z0-9_:-]+", key):
        raise ValueError(f"Not a name and a key for either(): {name!r}, {key!r}.")
    return mark_safe(f"{EITHER_SLOT}{name}:{key};{yes}{OR_SLOT}{no}{END_SLOT}")  # noqa: S308


def _personal(request, content: bytes) -> bytes:
    """A page kept for members made the reader's: each `either()` resolved for them (one
    question per name), a fresh idempotency key in each form. Cut with bytes.split: a
    regular expression over the whole page cost a list of twenty cards a tenth of its
    time (py-spy, under load)."""
    if KEY_SLOT_BYTES in content:
        first, *pieces = content.split(KEY_SLOT_BYTES)
        keyed = [first]
        for piece in pieces:
            keyed += [str(uuid.uuid4()).encode(), piece]
        content = b"".join(keyed)
    if EITHER_BYTES not in content:
        return content
    first, *parts = content.split(EITHER_BYTES)
    choices = []  # (name, key, yes, no, what follows)
    for part in parts:
        head, rest = part.split(b";", 1)
        yes, rest = rest.split(OR_BYTES, 1)
        no, after = rest.split(END_BYTES, 1)
        name, key = head.decode().split(":", 1)
        choices.append((name, key, yes, no, after))
    asked: dict[str, set[str]] = {}
    for name, key, *_html in choices:
        asked.setdefault(name, set()).add(key)
    answers = {name: _answers[name](request.user, sorted(keys)) for name, keys in asked.items()}
    served = [first]
    for name, key, yes, no, after in choices:
        served += [yes if key in answers[name] else no, after]
    return b"".join(served)


def for_signed_in(
    scopes_of: Callable[..., list[str]],
    query: re.Pattern = KEPT_QUERY,
    seconds: int = KEPT_SECONDS,
):
    """Keep the view's page for each signed-in reader, their own. A kept page is served
    without running the view, its checks included: `scopes_of(request, **url_kwargs)`
    must name everything the page and those checks read, the reader's roles among them
    (the middleware's checks, sign-in and second factor, still run on every request).
    A page with a message for its reader is neither served from nor put in the cache."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if (
                request.method not in ("GET", "HEAD")
                or not user.is_authenticated
                or query.fullmatch(request.META.get("QUERY_STRING", "")) is None
                or len(messages.get_messages(request))
            ):
                return view(request, *args, **kwargs)
            return _kept_page(
                request, str(user.pk), scopes_of(request, **kwargs),
                lambda: view(request, *args, **kwargs),
                lambda response: _keepable_for_its_reader(request, response), seconds,
            )  # fmt: skip

        return wrapper

    return decorate


def _revive(request, kept: dict) -> HttpResponse:
    content = kept["content"].replace(NONCE_SLOT.encode(), _nonce(request).encode())
    if CSRF_SLOT.encode() in content:
        content = content.replace(CSRF_SLOT.encode(), get_token(request).encode())
    content = _personal(request, content)
    response = HttpResponse(content, content_type=kept["type"])
    patch_vary_headers(response, ["Cookie"])
    response.from_cache = True  # for the tests
    return response


def fragment(
    request,
    scopes: list[str],
    name: str,
    template: str,
    make_context: Callable[[], dict],
    seconds: int = KEPT_SECONDS,
) -> SafeString:
    """`template` rendered with `make_context()`, kept under the scopes' generations and
    `name` (which must hold whatever else the fragment depends on: the page, the order,
    what the reader may do). Its forms get the reader's own CSRF token, and a fresh
    idempotency key where KEY_SLOT stands."""
    key = f"fragment:{name}"
    tokens, found = generations.tokens(scopes, key)
    stamp = _stamp(tokens)
    kept = found.get(key)
    if kept is not None and kept["stamp"] == stamp:
        html = kept["html"]
    else:
        context = {**make_context(), "csrf_token": CSRF_SLOT}
        html = render_to_string(template, context, request=request)
        if generations.settled(scopes):
            cache.set(key, {"stamp": stamp, "html": html}, seconds)
    if CSRF_SLOT in html:
        # Only a fragment with a form asks for a token: get_token() sets the CSRF cookie,
        # and a page with a cookie is not kept for visitors.
        html = html.replace(CSRF_SLOT, get_token(request))
    if KEY_SLOT in html and not made_for_members(request):
        # On a page kept for members, each reader's keys are put in as it is served.
        html = re.sub(KEY_SLOT, lambda _slot: str(uuid.uuid4()), html)
    return mark_safe(html)  # noqa: S308 (our render)
