"""The processes' generations (concerto/generations.py).

- The registry's (`REGISTRY`): pages that list processes across ministries (the home
  page's open processes and figures) are kept until a process is saved or deleted,
  whichever action (or test factory) did it.
- Each process page's (`page_scope`): the public page of a process, kept for visitors,
  until something it shows changes: the process itself or its themes, its sources, its
  modules, its commitments and what delivered them (a published answer, a version of the
  commitments), the CIPC's recommendations and the sponsor's answers to them, its panels.
  The rows of other apps are heard by the sender's name, so that this app imports none of
  them. What moves with the date alone (a module opening, a commitment becoming late)
  shows within pagecache.KEPT_SECONDS.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from concerto.generations import Spec, remembered, renew, renew_on_rows
from concerto.processes.models import Process, Theme

REGISTRY = "registry"


def page_scope(slug: str) -> str:
    """Named by the page's address, so that a visitor's page is found without a query."""
    return f"process-page:{slug}"


def _renew_page_of(process_id: int) -> None:
    # The slug is read on the write, which is rare, rather than on every visitor's read.
    slugs = Process.objects.filter(pk=process_id).values_list("slug", flat=True)
    renew(*(page_scope(slug) for slug in slugs))


def _process_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renew(REGISTRY, page_scope(instance.slug))


def _of_recommendation(instance) -> int | None:
    opinion = type(instance).opinion.get_queryset().filter(pk=instance.opinion_id)
    return opinion.values_list("referral__process_id", flat=True).first()


# What each row shown on a process page names its process by.
SHOWN = {
    "participation.Module": lambda instance: instance.process_id,
    "processes.InformationSource": lambda instance: instance.process_id,
    "processes.FollowUpCommitment": lambda instance: instance.process_id,
    "followup.CommitmentVersion": lambda instance: instance.process_id,
    "followup.Answer": lambda instance: instance.process_id,
    "processes.Recommendation": _of_recommendation,
    "panels.Panel": lambda instance: instance.process_id,
}


def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if reverse and action == "pre_clear":
        # Cleared from a theme's side, the processes are named by no pk_set: they are
        # read while the theme still tags them.
        _theme_changed(Process, instance)
        return
    if not action.startswith("post_"):
        return
    # From a theme's side every process it was added to or removed from is named.
    if not reverse:
        renew(page_scope(instance.slug))
    elif pk_set:
        slugs = Process.objects.filter(pk__in=pk_set).values_list("slug", flat=True)
        renew(*(page_scope(slug) for slug in slugs))


# Which themes each process names: read by every submission of a proposal (its form's
# choices, checked without a query), changed by an administrator now and then. One
# scope for all processes: any change of a theme or of a process's themes renews it.
THEMES = "themes"


def choosable_themes(process_id: int) -> list[tuple[int, str, str]]:
    """The themes a contribution to the process may be filed under, as (id, name, slug)
    in their order: those it names, or every theme when it names none; from the cache
    (rows rather than instances: unpickling instances cost more than the query saved)."""
    return remembered(*themes_spec(process_id))


def themes_spec(process_id: int) -> Spec:
    """remembered()'s arguments for choosable_themes (a proposal read ahead reads them)."""

    def load() -> list[tuple[int, str, str]]:
        named = Theme.objects.filter(process=process_id).values_list("pk", "name", "slug")
        return list(named) or list(Theme.objects.values_list("pk", "name", "slug"))

    return THEMES, f"process:{process_id}", load, 3600


def _renew_themes(sender, raw=False, **kwargs) -> None:
    if not raw:
        renew(THEMES)


def _theme_changed(sender, instance, raw=False, **kwargs) -> None:
    """A theme renamed, or deleted (read before its links go with it), changes the page of
    every process it tags."""
    if raw or instance.pk is None:
        return
    slugs = Process.objects.filter(themes=instance).values_list("slug", flat=True)
    renew(*(page_scope(slug) for slug in slugs))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_process_changed, sender="processes.Process", dispatch_uid="registry")
    renew_on_rows(SHOWN, _renew_page_of, "process-page")
    m2m_changed.connect(
        _themes_changed, sender="processes.Process_themes", dispatch_uid="process-page-themes"
    )
    post_save.connect(_theme_changed, sender="processes.Theme", dispatch_uid="process-page-theme")
    pre_delete.connect(_theme_changed, sender="processes.Theme", dispatch_uid="process-page-theme")
    post_save.connect(_renew_themes, sender="processes.Theme", dispatch_uid="themes-saved")
    post_delete.connect(_renew_themes, sender="processes.Theme", dispatch_uid="themes-deleted")
    m2m_changed.connect(
        _renew_themes, sender="processes.Process_themes", dispatch_uid="themes-linked"
    )
