"""The signed link that confirms a subscription (double opt-in).

It names the subscriber and the audience asked for, lasts seven days, and carries a
fingerprint of the request it answers: a newer request for the same address (which
records a new consent date) or an unsubscription voids the links sent before."""

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from concerto.newsletter.audiences import Audience
from concerto.newsletter.models import Subscriber

SALT = "concerto.newsletter.confirm"
MAX_AGE_DAYS = 7


def _fingerprint(subscriber: Subscriber) -> str:
    state = (
        f"{subscriber.pk}|{subscriber.email}|{subscriber.consented_at.isoformat()}"
        f"|{subscriber.unsubscribed_at or ''}"
    )
    return salted_hmac(SALT, state).hexdigest()[:32]


def make_token(subscriber: Subscriber, audience: str) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "a": audience, "f": _fingerprint(subscriber)}, salt=SALT
    )


def check_token(token: str) -> tuple[Subscriber, str] | None:
    """The subscriber and audience the link confirms, if it is genuine, in time and
    still answers the latest request."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") not in Audience.values:
        return None
    if not isinstance(data.get("s"), int):
        return None
    subscriber = Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None or not constant_time_compare(
        str(data.get("f", "")), _fingerprint(subscriber)
    ):
        return None
    return subscriber, data["a"]
