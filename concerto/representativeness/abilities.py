"""What a user may do with a process's profile questions and representativeness page."""

from concerto.processes.abilities import process_abilities


def representativeness_abilities(process, user) -> dict[str, bool]:
    base = process_abilities(process, user)
    settings = getattr(process, "profile_settings", None) if process.pk else None
    published = bool(settings and settings.published_at)
    return {
        # The organisers (ministry, sponsor) and the CIPC always; everyone once published.
        "view": base["view_workspace"] or (published and base["view"]),
        "configure": base["manage_participation"],
        "publish": base["manage_participation"],
        "see_alerts": base["view_workspace"],
    }
