from django.urls import reverse


def proposal_url(proposal) -> str:
    """The public page of a proposal (its module and process are read: select them)."""
    module = proposal.module
    return reverse(
        "proposals:proposal",
        kwargs={"slug": module.process.slug, "module_id": module.pk, "proposal_id": proposal.pk},
    )
