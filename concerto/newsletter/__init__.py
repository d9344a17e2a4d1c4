"""The CIPC's newsletter: editions, audiences, subscriptions and archive."""
