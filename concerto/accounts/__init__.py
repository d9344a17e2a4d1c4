"""Accounts (password sign-in, confirmation, reset), roles (citizen, agent, referent, CIPC,
expert, admin), organisations and the sign-in lockout."""
