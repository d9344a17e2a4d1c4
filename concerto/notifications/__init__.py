"""Notifications on the dashboard and by e-mail (`notify`), with one-click opt-out."""
