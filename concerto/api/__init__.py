"""The public read API and its tokens, throttles and pagination; it reads what the open
data reads (opendata.queries)."""
