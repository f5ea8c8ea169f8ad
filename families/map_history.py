"""The network map at an earlier date (issue 11): an append-only snapshot of a life domain
each time the map changes, and the map of a day rebuilt from them for one reader.

- ``take``: called by the map's write services (``services.save_domain``, ``add_own_domain``,
  ``add_actor``, ``remove_actor``) after the change, in its transaction. The first change of
  a family's map also records every other domain as it stood (the baseline), so that the
  map of any day with a change is whole.
- ``days`` and ``domains_on``: the days with a change and the map at the end of a day, read
  through ``MapSnapshot.objects.for_reader``: the family's consent for the map, and for
  some domains only, filters history in the query exactly as it filters today's map.
- ``changes``: what changed per domain between that day and today, as text (added and
  removed actors, a changed contact quality, a changed assessment), never only a colour.

Decision 0018, addendum "The network map's history"."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Actor, ActorKind, ContactQuality, DomainEntry, MapSnapshot, Trajectory

ASSESSMENT = ("goes_well", "less_well", "help_needed")


def _payload(entry: DomainEntry) -> dict[str, Any]:
    return {
        "own_label": entry.own_label,
        "skipped": entry.skipped,
        **{name: getattr(entry, name) for name in ASSESSMENT},
        "actors": [
            {"id": a.pk, "kind": a.kind, "name": a.name, "support": a.support, "quality": a.quality}
            for a in entry.actors.all()
        ],
    }


def take(trajectory: Trajectory, code: str) -> None:
    """Record the domain ``code`` as it is now (and, on the map's first change, the others)."""
    now = timezone.now()
    if MapSnapshot.objects.filter(trajectory=trajectory).exists():
        entries = DomainEntry.objects.filter(trajectory=trajectory, domain=code)
    else:
        entries = DomainEntry.objects.filter(trajectory=trajectory)
    MapSnapshot.objects.bulk_create(
        [
            MapSnapshot(trajectory=trajectory, domain=e.domain, payload=_payload(e), taken_at=now)  # type: ignore[misc]
            for e in entries.prefetch_related("actors")
        ]
    )


def days(trajectory: Trajectory, user: Any) -> list[datetime.date]:
    """The days (local time) on which the map changed in a domain the reader may see, latest first."""
    rows = MapSnapshot.objects.for_reader(user, trajectory)  # type: ignore[attr-defined]
    # Distinct days in the database (in the current time zone): as many rows as days, however
    # many changes a day had.
    return list(rows.dates("taken_at", "day", order="DESC"))


def _end_of(day: datetime.date) -> datetime.datetime:
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start) if timezone.is_naive(start) else start


def domains_on(trajectory: Trajectory, user: Any, day: datetime.date) -> dict[str, dict]:
    """Per domain code, the reader's view of the domain at the end of ``day`` (its payload)."""
    rows = MapSnapshot.objects.for_reader(user, trajectory).filter(taken_at__lt=_end_of(day))  # type: ignore[attr-defined]
    state: dict[str, dict] = {}
    for snapshot in rows.order_by("taken_at", "pk"):
        state[snapshot.domain] = snapshot.payload
    return state


def as_objects(trajectory: Trajectory, code: str, payload: dict) -> tuple[DomainEntry, list[Actor]]:
    """Unsaved model instances for a payload, so the page and the SVG draw it as today's map."""
    entry = DomainEntry(
        trajectory=trajectory,
        domain=code,
        own_label=payload.get("own_label", ""),
        skipped=bool(payload.get("skipped")),
        **{name: payload.get(name, "") for name in ASSESSMENT},
    )
    actors = [
        Actor(
            pk=a.get("id"),
            kind=a.get("kind", ""),
            name=a.get("name", ""),
            support=a.get("support", ""),
            quality=a.get("quality", ""),
        )
        for a in payload.get("actors", [])
    ]
    return entry, actors


def _actor_name(actor: dict) -> str:
    return actor.get("name") or str(ActorKind(actor["kind"]).label if actor.get("kind") in ActorKind.values else "")


def _quality(value: str) -> str:
    return str(ContactQuality(value).label).lower() if value in ContactQuality.values else value


def changes(earlier: dict | None, today: DomainEntry | None, today_actors: list[Actor]) -> list[str]:
    """What changed in one domain between ``earlier`` (a payload, None: not on the map then)
    and today, as sentences for a list."""
    if earlier is None:
        if today is None:
            return []
        return [_("Not on the map then: added since.")]
    out = []
    now = _payload_of(today, today_actors)
    if earlier.get("skipped") != now["skipped"]:
        out.append(_("Skipped then (no need).") if earlier.get("skipped") else _("Not skipped then."))
    titles = {
        "goes_well": _("What goes well changed; then: %(text)s"),
        "less_well": _("What goes less well changed; then: %(text)s"),
        "help_needed": _("Where extra help is needed changed; then: %(text)s"),
    }
    for name in ASSESSMENT:
        if (earlier.get(name) or "") != (now[name] or ""):
            out.append(titles[name] % {"text": earlier.get(name) or "—"})
    before = {a["id"]: a for a in earlier.get("actors", [])}
    after = {a["id"]: a for a in now["actors"]}
    for pk, actor in after.items():
        if pk not in before:
            out.append(_("Added: %(name)s.") % {"name": _actor_name(actor)})
        elif before[pk].get("quality") != actor["quality"]:
            out.append(
                _("Contact with %(name)s: %(then)s then, %(now)s now.")
                % {
                    "name": _actor_name(actor),
                    "then": _quality(before[pk].get("quality", "")),
                    "now": _quality(actor["quality"]),
                }
            )
    for pk, actor in before.items():
        if pk not in after:
            out.append(_("Removed: %(name)s.") % {"name": _actor_name(actor)})
    return out


def _payload_of(entry: DomainEntry | None, actors: list[Actor]) -> dict[str, Any]:
    if entry is None:
        return {"skipped": False, **{name: "" for name in ASSESSMENT}, "actors": []}
    return {
        "skipped": entry.skipped,
        **{name: getattr(entry, name) for name in ASSESSMENT},
        "actors": [
            {"id": a.pk, "kind": a.kind, "name": a.name, "support": a.support, "quality": a.quality} for a in actors
        ],
    }
