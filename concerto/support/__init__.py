"""The CIPC's support offer: requests, triage, advisor and milestones."""
