"""Participatory processes: the declaration, referral to the CIPC, review and opinion,
lifecycle and publication."""
