"""What a user may do with the analysis of one participation module."""


def analysis_abilities(module, user) -> dict[str, bool]:
    """Organisers of the process (ministry agents and referents) run, curate and
    publish; a run needs the module closed, so that its figures are final."""
    organiser = module.get_abilities(user)["manage"]
    return {
        "view": organiser,
        "run": organiser and not module.is_open(),
        "curate": organiser,
        "publish": organiser,
    }
