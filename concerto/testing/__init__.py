"""Test helpers shared by the suite (e-mails, flush, PDF, SMTP, templates); no domain
imports them."""
