"""No 500 from any form: generated values posted to every form of the platform.

Every URL name that the authorisation matrix probes with POST (and the API's write
endpoints) gets values a browser would never send: huge and negative ids, NUL bytes,
invalid UTF-8, megabyte strings, line breaks in one-line fields, deeply nested JSON,
broken files. Each request is sent as a role allowed to post there, inside a savepoint
rolled back afterwards (tests/authz/probe.py). The platform must answer without a
server error, and when it refuses the input (an error status, the form shown again
with errors, or a redirect with an error message) it must not have stored anything.

The fields of each form are read from the HTML a browser gets: the page itself for a
URL that shows its form, otherwise the pages that hold a form posting to it. Each URL
gets a sweep (each kind of bad value in every field at once, then a huge id in each
field alone, the others left as the form sends them) and a few examples drawn by
Hypothesis, derandomised so that every run sends the same requests.
"""

import json
from collections import Counter
from collections.abc import Callable
from http.cookies import SimpleCookie
from urllib.parse import quote_from_bytes

import pytest
from django.contrib import messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms import BaseForm
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.authz.forms import Field, Form, post_forms
from tests.authz.matrix import API_WRITES, MATRIX, WRITE_TOKEN
from tests.authz.probe import (
    REFUSED,
    VOLATILE_WRITES,
    _bounced_with_error,
    _client_for,
    _token_headers,
    _WriteRecorder,
    classify,
    resolve,
    row_counts,
)
from tests.authz.scenario import REFERENT, ROLES

HUGE = "99999999999999999999"
NESTED_JSON = "[" * 5_000 + "]" * 5_000
INVALID_UTF8 = b"caf\xe9 \xff\xfe \xc3\x28"
MEGABYTE = "x" * 1_000_000
# Each kind of bad value, sent in every field at once.
SWEEP = (HUGE, "-" + HUGE, "nul\x00octet", "ligne 1\nligne 2\r\nligne 3", INVALID_UTF8,
         NESTED_JSON)  # fmt: skip
SPECIALS = (
    *SWEEP, "9223372036854775808", "-1", "0", "\x00", MEGABYTE, "0001-01-01", "9999-12-31",
    "2024-02-30", "1e309", "NaN", "-Infinity", "1.5", " ", "\u202e\u200b", "🎉" * 20,
    '{"a": [1, {"b": null}]}', "<script>alert(1)</script>",
)  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(SPECIALS),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.text(max_size=40),
    st.binary(min_size=1, max_size=20),
)
FILES = (
    b"id,age\n1," + b"a" * 200_000 + b"\n",  # a cell past the csv module's 128 KB limit
    b"id,nom\n" + INVALID_UTF8 + b",x\n",
    b"id,nom\n1,nul\x00octet\n",
    b"",
    b"\xef\xbb\xbf",
    NESTED_JSON.encode(),
    b"%PDF-1.7\n" + b"\x00" * 64,
    ("id;nom\n" + "1;" + MEGABYTE + "\n").encode(),
)
JSON_VALUES = st.one_of(
    VALUES.filter(lambda v: isinstance(v, str)),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([None, True, 1.5, [], {}, [int(HUGE)], {"a": {"b": [HUGE]}},
                     json.loads("[" * 200 + "]" * 200)]),
)  # fmt: skip
EXAMPLES = 5  # drawn by Hypothesis per URL, on top of the sweep
EXTRA_FIELD = "champ_inattendu"

# Form URLs whose form no page of the matrix's world shows (its state offers the action
# to no one, or shows the form on a page of another object): the fields the view reads,
# {name: kind}, "file" for an upload (or a callable taking the world and giving them).
KNOWN_FIELDS: dict[str, dict[str, str] | Callable] = {
    # The orders' checkboxes sit in the table, outside the bulk form (form="bulk-validate").
    "procurement:orders_validate": {"selection": "checkbox", "query": "hidden"},
    # The matrix's people are not blocked: the lifting form is not on their page.
    "administration:lift_block": {"lift-reason": "text"},
    # The State's queue shows its bulk form under the reported contributions only.
    "participation:state_moderation": {"selection": "checkbox", "bulk-reason": "select",
                                       "bulk-note": "textarea"},
    "analysis:move": {"contributions": "checkbox", "target": "select", "new_label": "text"},
    "analysis:theme": {"label": "text", "version": "hidden"},
    "community:promote": {"theme": "select"},
    # The text's draft version 1 is published (no new import) and version 2 is already in
    # preparation (no new one to start); answers wait for the process to close. The answer
    # form's fields carry the suggestion's prefix.
    "codrafting:import": {"name": "text", "text": "textarea", "format": "select",
                          "file": "file"},
    "codrafting:new_version": {},
    "codrafting:answer": lambda w: {f"s{w.text_suggestion.pk}-{field}": kind for field, kind in
                                    (("decision", "radio"), ("text", "textarea"),
                                     ("reason", "textarea"))},
    "evaluation:open_survey": {},
    "evaluation:survey_organisers": {"q1": "radio", "q2": "textarea"},
    "followup:close": {},
    # The matrix's panel has no lottery yet: its page offers no publication.
    "panels:publish_lottery": {"lottery-announcement": "textarea"},
    "panels:publish_replacement_lottery": {"replacement-lottery-announcement": "textarea"},
    # Signed links from an e-mail: the matrix's world has no valid token to open them.
    "mailing:unsubscribe": {"List-Unsubscribe": "hidden"},
    "mailing:preferences": {"scope": "hidden"},
    # A button on pages the matrix opens for other processes (the unpublished module is
    # on the published process, the finished process's overview is not probed).
    "participation:module_republish": {},
    "processes:archive": {},
    "followup:rate": {"value": "radio", "comment": "textarea"},
    "identity:organisation": {"decision": "submit", "organisation": "select"},
    "identity:totp_enrol": {"code": "text"},
    "identity:totp_verify": {"code": "text"},
    "meetings:report": {"form": "hidden", "report": "textarea", "report_file": "file",
                        "speaker": "text", "body": "textarea", "theme": "select",
                        "idempotency_key": "hidden"},
    "notifications:open": {},
    "panels:decline": {},
    "panels:draw": {},
    "panels:publish": {},
    "panels:quotas": {"import": "submit", "file": "file"},
    "panels:replace": {"replacement-seed": "text", "replacement-origin": "textarea"},
    "panels:seed": {"seed-seed": "text", "seed-origin": "textarea"},
    "participation:moderate": {"action": "hidden", "reason": "select", "note": "text",
                               "ban_reason": "text", "next": "hidden"},
    "participation:moderation": {"selection": "checkbox", "bulk-reason": "select",
                                 "bulk-note": "textarea"},
    "participation:report": {"reason": "select", "comment": "text", "next": "hidden"},
    "processes:answer_recommendation": {"r1-answer": "radio", "r1-answer_reason": "textarea"},
    "processes:assign": {"advisor": "select"},
    "processes:open": {},
    "processes:post_message": {"body": "textarea", "parent": "hidden"},
    "processes:publish": {"reason": "textarea"},
    "processes:return_to_agent": {"remarks": "textarea"},
    "procurement:validate_cipc": {},
    "resources:usefulness": {"useful": "radio"},
    "support:milestone_done": {},
}  # fmt: skip
# Tables a refused form may write to, by design: showing the form again to staff logs
# their access to the personal data on the page (concerto.privacy).
LOGGED_ON_DISPLAY = {"privacy_staffaccess"}
# Forms that do two things, the first kept when the second is refused.
PARTIAL = {
    "evaluation:report_save": "saving and publishing: the report is saved, then its "
    "publication refused while it is incomplete (nothing typed is lost)",
}
# Forms that post to a URL the matrix lists for GET only.
ALSO_POSTED = ("participation:moderation",)

SENT: Counter = Counter()


def post_urls() -> list[str]:
    return sorted(
        {name for name, action in MATRIX.items() if "POST" in action.methods} | set(ALSO_POSTED)
    )


def _posters(name: str) -> list[str]:
    """The roles that may post there, in the matrix's order (an organiser when it allows
    nobody, to reach the view's own refusal)."""
    allowed = MATRIX[name].allowed_for("POST")
    return [role for role in ROLES if role in allowed] or [REFERENT]


def _url(world, name: str) -> str:
    action = MATRIX[name]
    return reverse(name, kwargs={key: resolve(world, spec) for key, spec in action.kwargs.items()})


# --- Finding the forms ---------------------------------------------------------------


def _get(world, role: str, url: str):
    client = _client_for(world, role)
    cookies = client.cookies
    client.cookies = SimpleCookie(cookies.output(header="", sep=";"))
    try:
        with transaction.atomic():
            try:
                return client.get(url)
            finally:
                transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def _page_forms(world, role: str, page: str, cache_: dict) -> list[Form]:
    """The post forms of a page of the matrix as the role sees it, read once."""
    if (role, page) not in cache_:
        url = _url(world, page)
        response = _get(world, role, url)
        html = response.status_code == 200 and "html" in response.get("Content-Type", "")
        cache_[role, page] = post_forms(response.content.decode(), url) if html else []
    return cache_[role, page]


@pytest.fixture(scope="module")
def page_forms():
    return {}


@pytest.fixture(scope="module", autouse=True)
def _report_requests(request):
    yield
    line = (
        f"generated input: {sum(SENT.values()) - SENT['crash']} requests sent to "
        f"{len(SENT) - ('crash' in SENT)} URL names ({SENT['crash']} crashed)"
    )
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n" + line, flush=True)


def forms_of(world, name: str, page_forms: dict) -> tuple[str, list[Form]]:
    """A role that may post to this URL and the forms posting there: those of
    KNOWN_FIELDS, else those the role sees on the URL's own page or on the other pages
    of its app in the matrix."""
    roles = _posters(name)
    url = _url(world, name)
    if name in KNOWN_FIELDS:
        form = Form(url)
        known = KNOWN_FIELDS[name]
        for field_name, kind in (known(world) if callable(known) else known).items():
            form.fields[field_name] = Field(field_name, kind, [] if kind == "file" else [""])
        return roles[0], [form]
    namespace = name.split(":")[0]
    pages = sorted(
        (page for page, action in MATRIX.items()
         if page.startswith(namespace + ":") and "GET" in action.methods),
        key=lambda page: (page != name, page),
    )  # fmt: skip
    for role in roles:
        key = (role, url)
        if key not in page_forms:  # the URL's own page, even where the matrix only posts
            response = _get(world, role, url)
            html = response.status_code == 200 and "html" in response.get("Content-Type", "")
            page_forms[key] = post_forms(response.content.decode(), url) if html else []
        forms = [f for f in page_forms[key] if f.action == url]
        for page in pages:
            if not forms and role in MATRIX[page].allowed_for("GET"):
                forms = [f for f in _page_forms(world, role, page, page_forms) if f.action == url]
        if forms:
            return role, forms
    return roles[0], []


# --- Sending ---------------------------------------------------------------------------


def _encode(values: dict[str, list]) -> bytes:
    """A urlencoded body, bytes kept as they are (invalid UTF-8 reaches the server)."""
    pairs = []
    for name, items in values.items():
        for item in items:
            raw = item if isinstance(item, bytes) else str(item).encode()
            pairs.append(f"{quote_from_bytes(name.encode())}={quote_from_bytes(raw)}")
    return "&".join(pairs).encode()


def _multipart(values: dict[str, list], files: dict[str, bytes]) -> dict:
    data = {
        name: [i.decode("latin-1") if isinstance(i, bytes) else i for i in items]
        for name, items in values.items()
    }
    for name, content in files.items():
        data[name] = SimpleUploadedFile("envoi.csv", content, content_type="text/csv")
    return data


def _form_errors(response) -> bool:
    for context in response.context or []:
        for layer in getattr(context, "dicts", [context]):
            for value in layer.values() if isinstance(layer, dict) else []:
                if isinstance(value, BaseForm) and value.is_bound and value.errors:
                    return True
    return False


def _refused(response) -> bool:
    if response.status_code >= 400:
        return True
    if classify(response)[0] == REFUSED:
        return True
    storage = getattr(response.wsgi_request, "_messages", None)
    added = getattr(storage, "_loaded_messages", []) + getattr(storage, "_queued_messages", [])
    errors = any(m.level >= messages.ERROR for m in added)
    return _form_errors(response) or errors or _bounced_with_error(response)


def send(world, name: str, role: str, post) -> str:
    """Post as `role` inside a savepoint rolled back afterwards; '' when the platform
    answered well, otherwise what went wrong."""
    client = _client_for(world, role)
    cookies = client.cookies
    client.cookies = SimpleCookie(cookies.output(header="", sep=";"))
    cache.clear()
    SENT[name] += 1
    try:
        with transaction.atomic():
            try:
                before = row_counts()
                written: set[str] = set()
                try:
                    with transaction.atomic(), connection.execute_wrapper(_WriteRecorder(written)):
                        response = post(client)
                except Exception as error:  # noqa: BLE001 - reported with the request
                    SENT["crash"] += 1
                    return f"crash {type(error).__name__}: {str(error)[:200]}"
                if response.status_code >= 500:
                    return f"error {response.status_code}"
                if not _refused(response) or name in PARTIAL:
                    return ""
                after = row_counts()
                changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
                written -= VOLATILE_WRITES | LOGGED_ON_DISPLAY
                changed = {t: n for t, n in changed.items() if t not in LOGGED_ON_DISPLAY}
                if changed or written:
                    status = response.status_code
                    return f"refused ({status}) but stored {changed} {sorted(written)}"
                return ""
            finally:
                transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def _describe(values) -> str:
    def short(v):
        text = repr(v)
        return text if len(text) <= 60 else f"{text[:40]}…({len(v)} chars)"

    if isinstance(values, dict):
        return "{" + ", ".join(f"{k}: {short(v)}" for k, v in values.items()) + "}"
    return short(values)


def post_form(world, name: str, role: str, form: Form, changes: dict[str, object]) -> str:
    """The form as a browser sends it, with `changes` ({field: value}) applied."""
    url = _url(world, name)
    values = form.defaults()
    files: dict[str, bytes] = {}
    for field_name, value in changes.items():
        if form.fields[field_name].kind == "file":
            files[field_name] = value if isinstance(value, bytes) else str(value).encode()
        else:
            values[field_name] = [value]
    for f in form.fields.values():
        if f.kind == "file" and f.name not in files:
            files[f.name] = b"id,nom\n1,Camille\n"

    def post(client):
        if form.has_files:
            return client.post(url, _multipart(values, files))
        return client.post(url, _encode(values), content_type="application/x-www-form-urlencoded")

    problem = send(world, name, role, post)
    return f"{problem} with {_describe(changes)}" if problem else ""


# --- The tests -------------------------------------------------------------------------

HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def test_every_form_url_is_covered(world, db, page_forms):
    """A POST URL whose form no page shows, and that KNOWN_FIELDS does not describe,
    fails here by name: add the form to the world, or its fields to KNOWN_FIELDS."""
    uncovered = [name for name in post_urls() if not forms_of(world, name, page_forms)[1]]
    assert not uncovered, f"POST URLs with no form to fill: {uncovered}"


@pytest.mark.parametrize("name", post_urls())
def test_generated_values_get_no_server_error(name, world, db, page_forms):
    role, forms = forms_of(world, name, page_forms)
    if not forms:
        pytest.skip("no form found: test_every_form_url_is_covered names it")
    for form in forms:  # a field the view does not expect
        form.fields.setdefault(EXTRA_FIELD, Field(EXTRA_FIELD, "text", [""]))
    problems = []
    for form in forms:
        names = sorted(form.fields)
        for value in SWEEP:
            problems.append(post_form(world, name, role, form, dict.fromkeys(names, value)))
        for field_name in names:
            problems.append(post_form(world, name, role, form, {field_name: HUGE}))
    problems = [p for p in problems if p]
    assert not problems, f"POST {name}:\n  " + "\n  ".join(problems[:10])

    @HYPOTHESIS
    @given(data=st.data())
    def examples(data):
        form = data.draw(st.sampled_from(forms))
        chosen = data.draw(st.lists(st.sampled_from(sorted(form.fields)), min_size=1,
                                    max_size=3, unique=True))  # fmt: skip
        changes = {
            f: data.draw(st.sampled_from(FILES) if form.fields[f].kind == "file" else VALUES)
            for f in chosen
        }
        problem = post_form(world, name, role, form, changes)
        assert not problem, f"POST {name}: {problem}"

    examples()


@pytest.mark.parametrize("name", sorted(API_WRITES))
def test_generated_json_gets_no_server_error(name, world, db):
    action = API_WRITES[name]
    url = _url(world, name)
    valid = action.data(world)
    headers = {**_token_headers(world, WRITE_TOKEN, name), **action.headers}

    def post_json(body: bytes):
        return lambda client: client.post(
            url, body, content_type="application/json", headers=headers
        )

    bodies = [NESTED_JSON.encode(), INVALID_UTF8, b"\x00", b"", ("[" * 100_000).encode()]
    bodies += [json.dumps({**valid, key: int(HUGE)}).encode() for key in valid]
    bodies += [json.dumps({**valid, key: "a\x00b\nc"}).encode() for key in valid]
    problems = [send(world, name, WRITE_TOKEN, post_json(body)) for body in bodies]
    problems = [f"{p} with {_describe(b)}" for p, b in zip(problems, bodies, strict=True) if p]
    assert not problems, f"POST {name}:\n  " + "\n  ".join(problems)

    @HYPOTHESIS
    @given(data=st.data())
    def examples(data):
        keys = sorted({*valid, "submitted_at", "kind", "contributions", "theme", "new_date"})
        chosen = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True))
        payload = {**valid, **{key: data.draw(JSON_VALUES) for key in chosen}}
        body = json.dumps(payload, ensure_ascii=False).encode()
        problem = send(world, name, WRITE_TOKEN, post_json(body))
        assert not problem, f"POST {name}: {problem} with {_describe(payload)}"

    examples()
