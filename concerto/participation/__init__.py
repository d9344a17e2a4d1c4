"""Participation modules and contributions (online and offline), moderation, idempotency,
and the account-level participant profile."""
