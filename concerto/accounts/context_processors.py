from concerto.accounts.abilities import platform_abilities


def abilities(request) -> dict:
    return {"platform_abilities": platform_abilities(getattr(request, "user", None))}
