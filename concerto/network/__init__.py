"""The network of ministerial participation referents: directory, action plans, meetings."""
