"""docs/emails.md lists every e-mail the platform sends for an event (issue 22): each
`notify(...)` call and each direct send in the code has its row, each row names a place
that still sends, and the test that checks that e-mail's recipients, subject and link
host with `concerto.testing.emails.assert_email`."""

import ast
import re
import subprocess
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONCERTO = ROOT / "concerto"
TABLE = ROOT / "docs" / "emails.md"
# Direct sends that no notification carries: not found by the scan for `notify(`.
DIRECT = {"send_mail", "EmailMessage", "EmailMultiAlternatives"}
# Sends the table describes elsewhere: bulk e-mails go through concerto.mailing (README),
# and the notification's own e-mail is the `notify` rows.
NOT_EVENTS = {"mailing.messages.build_message", "notifications.tasks.email_notification"}
# Django sends the password-reset e-mail; the view that configures it is its row.
CONFIGURED = Counter({"identity.views.accounts.PasswordResetView": 1})


def _called(node: ast.Call) -> str:
    return getattr(node.func, "id", None) or getattr(node.func, "attr", "")


def _walk(node, module: str, names: list[str], found: Counter) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            _walk(child, module, [*names, child.name], found)
            continue
        if isinstance(child, ast.Call):
            called = _called(child)
            if called == "notify" or (called in DIRECT and module != "mailing.messages"):
                found[".".join([module, *names])] += 1
        _walk(child, module, names, found)


def _senders() -> Counter:
    found: Counter = Counter()
    for path in sorted(CONCERTO.rglob("*.py")):
        if "migrations" not in path.parts:
            module = ".".join(path.relative_to(CONCERTO).with_suffix("").parts)
            _walk(ast.parse(path.read_text(encoding="utf-8")), module, [], found)
    return found


# | Event | Recipients | Subject | Sent by | Test |
ROW = re.compile(r"^\|(?:[^|`]*\|){3} `([a-z_.A-Z]+)` \| `(tests/[\w/]+\.py)::([\w:]+)` \|$", re.M)


def _table() -> list[tuple[str, str, str]]:
    """(sender, test file, test name) of each row."""
    text = TABLE.read_text(encoding="utf-8")
    rows = ROW.findall(text)
    # A row the pattern misses would escape both checks below.
    lines = [line for line in text.splitlines() if line.startswith("| ")][1:]  # no header
    assert len(rows) == len(lines) > 40
    return rows


def _rows() -> Counter:
    return Counter(sender for sender, _path, _name in _table())


def test_every_email_sent_has_its_row_and_every_row_a_sender():
    senders = _senders() + CONFIGURED
    for place in NOT_EVENTS:
        senders.pop(place, None)
    assert _rows() == senders


def test_make_run_writes_links_for_the_port_it_serves():
    def site_url(*args, **env):
        result = subprocess.run(
            ["make", "-s", "--no-print-directory", "site-url", *args], cwd=ROOT,
            capture_output=True, text=True, check=True,
            env={"PATH": "/usr/bin:/bin", **env},
        )  # fmt: skip
        return result.stdout.strip()

    assert site_url("PORT=8200") == "http://127.0.0.1:8200"
    assert site_url("HOST=0.0.0.0", "PORT=9000") == "http://0.0.0.0:9000"
    assert site_url(SITE_URL="https://concerto.gouv.fr") == "https://concerto.gouv.fr"


def _function(path: Path, qualname: str) -> ast.FunctionDef | None:
    scope = ast.parse(path.read_text(encoding="utf-8"))
    for name in qualname.split("::"):
        scope = next(
            (node for node in scope.body if isinstance(node, ast.ClassDef | ast.FunctionDef)
             and node.name == name),
            None,
        )  # fmt: skip
        if scope is None:
            return None
    return scope if isinstance(scope, ast.FunctionDef) else None


def test_every_row_names_a_test_that_asserts_the_email_with_the_shared_helper():
    """The test of each row exists and calls `assert_email` itself: recipients, subject and
    link host are checked for every e-mail of the table, and stay checked."""
    missing, unchecked = [], []
    for _sender, path, name in _table():
        function = _function(ROOT / path, name) if (ROOT / path).is_file() else None
        if function is None:
            missing.append(f"{path}::{name}")
        elif "assert_email" not in {
            _called(node) for node in ast.walk(function) if isinstance(node, ast.Call)
        }:
            unchecked.append(f"{path}::{name}")
    assert (missing, unchecked) == ([], [])
