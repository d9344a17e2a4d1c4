"""Test helpers shared by the suite (flush, PDF, SMTP, templates); no domain imports them."""
