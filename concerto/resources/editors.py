"""Who edits the resource centre: CIPC advisors, by their platform role.

Wagtail reads page permissions from groups; the editors' group mirrors the role each
time someone opens the editor, so granting or removing the role is all it takes."""

from functools import wraps

from django.contrib.auth.models import Group

from concerto.accounts.policy import is_cipc
from concerto.resources.tree import EDITORS_GROUP


def is_resource_editor(user) -> bool:
    return is_cipc(user)


def sync_editor_group(user) -> None:
    if not (user and user.is_authenticated):
        return
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is None:
        return
    member = user.groups.filter(pk=group.pk).exists()
    if is_resource_editor(user) and not member:
        user.groups.add(group)
    elif member and not is_resource_editor(user):
        user.groups.remove(group)


def with_editor_sync(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        sync_editor_group(request.user)
        return view(request, *args, **kwargs)

    return wrapped
