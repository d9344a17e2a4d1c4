import pytest

from concerto.mailing import kinds, unsubscribe
from concerto.mailing.kinds import Recipient, Rendered


class LetterKind:
    """A campaign kind for the tests: the recipients are whatever the test sets."""

    name = "test-letter"

    def __init__(self):
        self.addresses: list[str] = []
        self.empty: set[str] = set()
        self.broken: set[str] = set()
        self.unsubscribed: list[tuple[str, str]] = []

    def recipients(self, campaign):
        for address in self.addresses:
            yield Recipient(address=address, payload={"greeting": f"Bonjour {address}"})

    def unwanted(self, campaign, addresses):
        return {address for address, _scope in self.unsubscribed} & set(addresses)

    def render(self, campaign, delivery):
        if delivery.address in self.broken:
            raise RuntimeError("broken on purpose")
        if delivery.address in self.empty:
            return None
        link = unsubscribe.unsubscribe_url(delivery.address, "test-letter")
        return Rendered(
            subject=f"Lettre {campaign.key}",
            text=f"{delivery.payload['greeting']}\nSe désabonner : {link}",
            html=f"<p>{delivery.payload['greeting']}</p><a href='{link}'>Se désabonner</a>",
            unsubscribe_scope="test-letter",
        )


@pytest.fixture
def letter():
    kind = LetterKind()
    kinds.register(kind)
    unsubscribe.register_scope(
        "test-letter",
        label="la lettre de test",
        unsubscribe=lambda address, scope: kind.unsubscribed.append((address, scope)),
        is_subscribed=lambda address: address not in {a for a, _ in kind.unsubscribed},
    )
    yield kind
    kinds._KINDS.pop("test-letter", None)
    unsubscribe._SCOPES.pop("test-letter", None)
