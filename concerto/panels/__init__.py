"""Citizens' panels drawn by lot: pool, quotas, the sortition engine's selection, lottery
and draws."""
