"""Bulk sending: campaigns, per-recipient deliveries sent exactly once over lanes, bounces
and unsubscriptions."""
