"""Public meetings: registration with a waiting list, calendars, reports."""
