"""Site pages: home, navigation, error pages, the health check."""
