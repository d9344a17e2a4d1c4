"""The representativeness figures of a process, computed once per change of their inputs.

Suppression audits and significance tests take seconds on big tables (a département
question, a table per closed question and profile question). The page, its CSV and the
open data therefore read them from the shared cache, under a key that changes whenever
an input does: the profile settings, the profile answers (added, or erased with an
account), the questionnaires' sent responses, the published syntheses. A reader never
sees a stale figure, and never pays again for a computation someone already paid for.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max

from concerto.analysis.models import Synthesis
from concerto.questionnaires.models import Response
from concerto.representativeness import whosays
from concerto.representativeness.catalogue import fingerprint
from concerto.representativeness.models import ProfileResponse, ProfileSettings
from concerto.representativeness.tables import Report, build_report
from concerto.representativeness.weighting import ModuleWeights, weighted_results

# Bump when what is computed changes (code): entries of the old code are then ignored.
# A change of the shipped margins changes the key by itself (catalogue.fingerprint).
VERSION = 1
TIMEOUT = 7 * 24 * 3600


@dataclass(frozen=True)
class Figures:
    report: Report
    weighted: list[ModuleWeights]
    who_says_what: list[whosays.Table]


def inputs_version(process) -> str:
    """A fingerprint of everything the figures are computed from (a few aggregate queries)."""
    parts = [
        ProfileSettings.objects.filter(process=process)
        .values_list("updated_at", flat=True)
        .first(),
        ProfileResponse.objects.filter(process=process).aggregate(n=Count("pk"), last=Max("pk")),
        Response.objects.filter(
            module__process=process, status=Response.Status.SUBMITTED
        ).aggregate(n=Count("pk"), last=Max("pk"), changed=Max("updated_at")),
        Synthesis.objects.filter(module__process=process).aggregate(
            n=Count("pk"), changed=Max("published_at")
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def figures(process) -> Figures:
    key = f"representativeness:{VERSION}:{fingerprint()}:{process.pk}:{inputs_version(process)}"
    found = cache.get(key)
    if found is None:
        found = Figures(
            build_report(process), weighted_results(process), whosays.who_says_what(process)
        )
        cache.set(key, found, TIMEOUT)
    return found
