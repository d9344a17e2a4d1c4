from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from concerto.participation.models import Module
from concerto.participation.read_ahead import read_ahead
from concerto.participation.scopes import kept_module, kept_module_and_bans


def module_for(request, slug: str, module_id: int, kind: str) -> tuple[Module, dict]:
    """The module of the process at `slug` if the user may see it, with their abilities.
    Its row is read from the shared cache (participation/scopes.py): every request to a
    module's pages asks for it."""
    user = request.user
    if user.is_authenticated:
        module, bans = kept_module_and_bans(module_id, user.pk)
        if module is not None:
            module.bans_read = (user.pk, bans)  # for its abilities, in this request alone
    else:
        module = kept_module(module_id)
    if module is None or module.process.slug != slug or module.kind != kind:
        raise Http404
    abilities = module.get_abilities(request.user)
    if not abilities["view"]:
        raise Http404
    # The actions this request calls check them again (actions/common.py, require): this
    # instance lives for the request alone, so what was read here still holds there.
    module.abilities_read = (request.user.pk, abilities)
    if request.method == "POST" and user.is_authenticated:
        read_ahead(module, user)  # what the contribution will read, in one round trip
    return module, abilities


def organiser_module_for(
    request, pk: int, module_id: int, kind: str | None = None
) -> tuple[Module, dict]:
    """Module `module_id` of process `pk` (of `kind` when given): 404 if it is not there
    or not visible to the user, 403 unless they manage it."""
    filters = {"pk": module_id, "process_id": pk}
    if kind is not None:
        filters["kind"] = kind
    module = get_object_or_404(Module.objects.select_related("process__ministry"), **filters)
    abilities = module.get_abilities(request.user)
    if not abilities["view"]:
        raise Http404
    if not abilities["manage"]:
        raise PermissionDenied
    return module, abilities


RATE_LIMIT_MESSAGE = _(
    "Vous avez envoyé beaucoup de contributions en peu de temps : patientez quelques minutes "
    "puis renvoyez le formulaire. Votre texte est conservé ci-dessous."
)
