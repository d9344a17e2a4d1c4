"""Who someone is on the platform, decided once for every domain (issue 20).

- `signed_in`: an authenticated, active account. (Django already refuses a session to a
  deactivated account; the test keeps the rule explicit where a user object is passed
  around outside a request.)
- `is_cipc`: a CIPC advisor, or a platform administrator. Administrators (Django
  superusers) count as the CIPC wherever the CIPC may act, so that the person who runs
  the platform is never locked out of a CIPC step; where only an advisor may act (a
  referral assigned to them, their own review), the domain asks for the role itself.
- `is_administrator`: a platform administrator, for what only they may do (the site's
  settings, the CIPC advisor role).

Domains answer "what may this person do with this object" in their own `abilities`
modules, built on these three.
"""

from concerto.accounts.roles import Role


def signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_cipc(user) -> bool:
    return signed_in(user) and (user.is_superuser or Role.CIPC_ADVISOR in user.roles)


def is_administrator(user) -> bool:
    return signed_in(user) and user.is_superuser
