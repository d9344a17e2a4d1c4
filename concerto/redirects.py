"""Where a form may send people back: a path of this site, never another site.

A return address comes from the request (`next`, `suivant`), so anyone can forge it.
It is followed only when it is a plain path of this site: starting with one slash
(not "//", which browsers read as another host), without spaces, control characters
or backslashes (which some browsers turn into slashes), and on this host.
"""

import re

from django.utils.http import url_has_allowed_host_and_scheme

_LOCAL_PATH = re.compile(r"/(?!/)[^\s\x00-\x1f\x7f\\]*")


def local_path(request, target: str) -> str:
    """`target` when it is a path of this site, else ""."""
    if (
        _LOCAL_PATH.fullmatch(target)
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return ""
