"""The per-role dashboards: a registry of panels that each domain contributes."""
