"""Probe one action as one role and classify what happened."""

import re
from dataclasses import dataclass
from http.cookies import SimpleCookie

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection, models, transaction
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.matrix import NO_TOKEN, OTHER_ORG_TOKEN, READ_TOKEN, SKIPPED, WRITE_TOKEN
from tests.authz.scenario import ANONYMOUS

ALLOWED, REFUSED = "allowed", "refused"
# Tables whose rows change on any request, authorised or not: the session the sign-in
# opened (and the messages it carries).
VOLATILE_TABLES = {"django_session"}
# Tables written on a refused request, by design: an API token's last use is recorded
# when it authenticates, before its ministry and scopes are checked.
VOLATILE_WRITES = VOLATILE_TABLES | {"api_apitoken"}


def enumerate_url_names() -> dict[str, str]:
    """Every named URL of the platform (namespaced), mapped to its route, except the
    third-party prefixes in SKIPPED."""
    found: dict[str, str] = {}

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                if any(route.startswith(skipped) for skipped in SKIPPED):
                    continue
                name = f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {route}>"
                found[name] = route

    walk(get_resolver().url_patterns)
    return found


def resolve(world, spec):
    """A URL argument from its spec: 'literal' in quotes, a dotted path on the world
    (a model instance gives its pk), or a callable taking the world."""
    if callable(spec):
        return spec(world)
    if spec.startswith("'"):
        return spec.strip("'")
    value = world
    for part in spec.split("."):
        value = getattr(value, part)
    return value.pk if isinstance(value, models.Model) else value


def target_of(world, action):
    """The object the action acts on: the last model instance among its arguments."""
    target = None
    for spec in action.kwargs.values():
        if isinstance(spec, str) and not spec.startswith("'"):
            value = world
            for part in spec.split("."):
                value = getattr(value, part)
            if isinstance(value, models.Model):
                target = value
    return target


def _tables() -> list[str]:
    names = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            table = model._meta.db_table
            if table not in VOLATILE_TABLES and table not in names:
                names.append(table)
    return sorted(names)


def row_counts() -> dict[str, int]:
    """A mark per table of the platform that moves when the table gains or loses a row.

    PostgreSQL keeps, per transaction, the rows each table had inserted and deleted so
    far (pg_stat_xact_user_tables): one read of that view, where counting the rows of
    every table took 15 ms, twice per role and write of the matrix. Elsewhere the row
    count of every table, in one query. Either way two marks differ exactly when the
    rows in between were not as many added as removed (an insert attempted in a savepoint
    rolled back counts too on PostgreSQL: the request wrote, even if it was undone)."""
    tables = _tables()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, n_tup_ins - n_tup_del FROM pg_stat_xact_user_tables "
                "WHERE schemaname = current_schema()"
            )
            moved = dict(cursor.fetchall())
        return {table: moved.get(table, 0) for table in tables}
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def row_of(obj) -> dict | None:
    if obj is None:
        return None
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh)


@dataclass
class Outcome:
    verdict: str
    status: int
    location: str = ""
    changed: str = ""

    def __str__(self) -> str:
        where = f" -> {self.location}" if self.location else ""
        changed = f"; CHANGED {self.changed}" if self.changed else ""
        return f"{self.verdict} ({self.status}{where}){changed}"


def classify(response) -> tuple[str, str]:
    status = response.status_code
    location = response.get("Location", "")
    login = reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else settings.LOGIN_URL
    if status in (401, 403, 404, 405):
        return REFUSED, location
    if status == 410:
        # Gone: the link or object asked for is expired or unknown; nothing is granted.
        return REFUSED, location
    if status in (301, 302, 303) and location.split("?")[0] == login:
        return REFUSED, location
    if status in (200, 201, 204, 301, 302, 303):
        return ALLOWED, location
    if status in (400, 409, 422):
        # Past the authorisation, refused as bad input for the empty form the matrix sends.
        return ALLOWED, location
    return f"unexpected {status}", location


def sign_in_clients(world) -> dict[str, Client]:
    """One client per role, signed in once for the whole module."""
    clients = {}
    for role, user in world.users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[role] = client
    return clients


def _token_headers(world, role: str, name: str) -> dict:
    tokens = {
        OTHER_ORG_TOKEN: world.other_token_secret,
        # A token of the right ministry that lacks the endpoint's write scope.
        READ_TOKEN: world.answers_only_secret
        if "contribution" in name
        else world.contributions_only_secret,
        WRITE_TOKEN: world.token_secret,
    }
    return {"Authorization": f"Bearer {tokens[role]}"} if role in tokens else {}


def _client_for(world, role: str) -> Client:
    if role in (NO_TOKEN, OTHER_ORG_TOKEN, READ_TOKEN, WRITE_TOKEN):
        return world.clients[ANONYMOUS]
    return world.clients[role]


def probe(world, name: str, action, method: str, role: str) -> Outcome:
    """Send the action as `role` inside a savepoint rolled back afterwards; the role's
    client gets its cookies back, so a sign-out or an erasure does not reach later probes."""
    client = _client_for(world, role)
    cookies = client.cookies
    client.cookies = SimpleCookie(cookies.output(header="", sep=";"))
    cache.clear()
    try:
        with transaction.atomic():
            try:
                return _probe(world, client, name, action, method, role)
            finally:
                transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def _send(world, client, name, action, method, role):
    kwargs = {key: resolve(world, spec) for key, spec in action.kwargs.items()}
    url = reverse(name, kwargs=kwargs)
    headers = {**_token_headers(world, role, name), **action.headers}
    if method == "GET":
        return client.get(url, headers=headers)
    data = action.data(world) if callable(action.data) else (action.data or {})
    if action.json:
        return client.post(url, data, content_type="application/json", headers=headers)
    return client.post(url, data, headers=headers)


def _probe(world, client, name, action, method, role) -> Outcome:
    writes = method != "GET"
    target = target_of(world, action) if writes else None
    counts, before = (row_counts(), row_of(target)) if writes else (None, None)
    try:
        written: set[str] = set()
        with transaction.atomic(), connection.execute_wrapper(_WriteRecorder(written)):
            response = _send(world, client, name, action, method, role)
    except Exception as error:  # noqa: BLE001 - a crash is reported, not raised
        return Outcome(f"crash {type(error).__name__}: {error}"[:300], 500)
    verdict, location = classify(response)
    changed = ""
    if writes:
        after = row_counts()
        diff = {t: (counts[t], after[t]) for t in counts if counts[t] != after[t]}
        if diff:
            changed = f"rows {diff}"
        if row_of(target) != before:
            changed += f" target {type(target).__name__} {target.pk}"
        if written := written - VOLATILE_WRITES:
            # Updates that leave the row counts alone (a status changed) show here.
            changed += f" wrote {sorted(written)}"
        bounced = not action.bounce and _bounced_with_error(response)
        if verdict == ALLOWED and not changed and (bounced or action.acts):
            # Sent back with an error message, or (valid data sent) nothing done: the action
            # refused this role (e.g. "this order is no longer at this step" for another's).
            verdict = REFUSED
    elif verdict != ALLOWED and (written := written - VOLATILE_WRITES):
        changed = f"wrote {sorted(written)}"  # a refused GET must not write either
    if verdict == ALLOWED:
        changed = ""  # an allowed action may change what it likes
    return Outcome(verdict, response.status_code, location, changed.strip())


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


class _WriteRecorder:
    """Records the tables that an INSERT, UPDATE or DELETE actually touched (rowcount > 0):
    an update that leaves every row count alone (a status changed) shows here."""

    def __init__(self, written: set[str]):
        self.written = written

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = WRITE.match(sql)
        if match and context["cursor"].rowcount:
            self.written.add(match.group(1))
        return result


def _bounced_with_error(response) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return any(message.level >= messages.ERROR for message in queued)
