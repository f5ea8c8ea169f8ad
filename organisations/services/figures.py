"""The network figures, the map points and the directory's cache version (decision 0007).

Every service that changes groups or their people calls ``invalidate_figures()``.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from ..models import MembershipStatus, Organisation, OrganisationMember

SUMMARY_KEY = "organisations:summary"
FIGURES_KEY = "organisations:figures"
MAP_KEY = "organisations:map"
CACHE_SECONDS = 600


def invalidate_figures() -> None:
    """Once the current write commits, recompute the cached figures and map in the background.
    Until the task has run, readers keep the previous figures rather than paying for the
    recomputation in their request. Every service that changes groups or their people calls this."""
    from ..tasks import refresh_figures

    def after_commit() -> None:
        _bump_directory_version()
        refresh_figures.enqueue()

    transaction.on_commit(after_commit)


DIRECTORY_VERSION_KEY = "organisations:directory-version"


def _bump_directory_version() -> None:
    try:
        cache.incr(DIRECTORY_VERSION_KEY)
    except ValueError:  # not in the cache yet (or evicted): any new value invalidates
        cache.set(DIRECTORY_VERSION_KEY, time.time_ns(), None)


def directory_cache_key(query: str, language: str) -> str:
    """Cache key of a rendered directory page: changes whenever any group changes."""
    version = cache.get_or_set(DIRECTORY_VERSION_KEY, time.time_ns(), None)
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"organisations:directory:{version}:{language}:{digest}"


def compute_figures() -> None:
    """Recompute and cache the network figures and the map points."""
    members = Organisation.objects.members()
    active = OrganisationMember.objects.filter(left_at__isnull=True, organisation__status=MembershipStatus.MEMBER)
    summary = {
        "groups": members.count(),
        "volunteers": active.aggregate(n=Count("user", distinct=True))["n"],
        "municipalities": members.aggregate(n=Count("municipality", distinct=True))["n"],
    }
    per_province = (
        members.values(
            "municipality__province__name_nl",
            "municipality__province__name_fr",
            "municipality__region__name_nl",
            "municipality__region__name_fr",
        )
        .annotate(
            groups=Count("id", distinct=True),
            volunteers=Count("people", filter=Q(people__left_at__isnull=True), distinct=True),
        )
        .order_by("municipality__province__name_nl", "municipality__region__name_nl")
    )
    figures = {
        **summary,
        "former": Organisation.objects.filter(status=MembershipStatus.FORMER).count(),
        "per_province": list(per_province),
    }
    cache.set_many({SUMMARY_KEY: summary, FIGURES_KEY: figures, MAP_KEY: _map_points()}, CACHE_SECONDS)
    # Cached pages show these figures (the home page, the secretariat's overview): fresh ones now.
    from core import pagecache

    pagecache.bump()


def _cached(key: str) -> Any:
    value = cache.get(key)
    if value is None:
        compute_figures()
        value = cache.get(key)
    return value


def network_summary() -> dict:
    """Groups, volunteers and municipalities, for the public start page."""
    return _cached(SUMMARY_KEY)


def _map_points() -> list[dict]:
    return [
        {"name": name, "url": reverse("organisations:detail", args=[slug]), "lat": lat, "lon": lon}
        for name, slug, lat, lon in Organisation.objects.members()
        .filter(latitude__isnull=False)
        .values_list("name", "slug", "latitude", "longitude")
    ]


def map_points() -> list[dict]:
    """Every member group as a map point (names are not translated: one entry serves all)."""
    return _cached(MAP_KEY)
