"""Identity and sign-in: ProConnect (OpenID Connect), magic links and the second factor."""
