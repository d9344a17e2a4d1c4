"""Following a process or a module: immediate notices and daily or weekly digests."""
