"""The resource centre (Wagtail): the method guide, FAQ, capsules and search."""
