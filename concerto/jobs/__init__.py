"""Background jobs as users see them (progress, failures), queue health and the stall
alert."""
