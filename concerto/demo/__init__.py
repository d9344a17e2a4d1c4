"""The demonstration data `make run` loads (load_demo), built through the domains' named
actions; no domain imports it."""
