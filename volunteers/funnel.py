"""The volunteer funnel (trechter): from a lead to a volunteer who stays, per group and for
the network, over a period.

Every figure counts engagements (one person's path with one group) created in the
period (``Engagement.created_at``, dates inclusive, in local time):

- ``leads``: engagements created.
- ``answered_in_time``: first contact (``contacted_at``) within 7 days of the lead.
- ``intakes``: engagements with at least one recorded intake conversation (``Intake``)
  *or* whose status history shows the intake status. Groups that skip the intake form
  but move the status still count, and the other way round.
- ``active_3m`` / ``active_12m``: made active at least 90 / 365 days ago and not stopped
  within 90 / 365 days of becoming active.
- ``stopped`` and one figure per stop reason (``StopReason``): engagements stopped now.

Withdrawn and erased engagements still count: erasure removes the person and keeps the
engagement's status and dates, so the figures do not change when someone is erased.

All figures come from one grouped query (``Count`` with a filter per figure), whatever
the number of groups, on SQLite and PostgreSQL alike.

Aggregates leave the group only with small counts suppressed (docs/architecture.md,
"Privacy"): ``suppress`` shows any count from 1 to 4 as "<5". Zero stays 0: "nobody" is
not a small group of people who could be recognised, and hiding it would make empty
groups look like groups with a few people. A total can still be combined with the other
groups' figures to narrow a suppressed cell down; the figures are counts of offers to
help, not of families, so we accept that and do not suppress complementary cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import audit, exports
from organisations.models import MembershipStatus, Organisation

from .models import UNANSWERED_DAYS, Engagement, Intake, Status, StatusChange, StopReason

ANSWER_WITHIN = timedelta(days=UNANSWERED_DAYS)  # the inbox's flag and the funnel agree
SMALL = 5  # counts below this (and above 0) are suppressed outside the group

# (key, label) of the funnel's steps, in order.
STEPS = [
    ("leads", _("Leads")),
    ("answered_in_time", _("Answered within 7 days")),
    ("intakes", _("Intakes")),
    ("active_3m", _("Active after 3 months")),
    ("active_12m", _("Active after 12 months")),
    ("stopped", _("Stopped")),
]
STOP_KEYS = [(f"stopped_{value}", label) for value, label in StopReason.choices]
# In the network's wide table the reasons carry "Stopped:" in front.
COLUMNS = STEPS + [(key, format_lazy("{}: {}", _("Stopped"), label)) for key, label in STOP_KEYS]
KEYS = [key for key, _label in COLUMNS]


@dataclass(frozen=True)
class Period:
    """From ``since`` to ``until``, both dates included."""

    since: date
    until: date

    @classmethod
    def default(cls, today: date | None = None) -> Period:
        """The last 12 months, today included."""
        today = today or timezone.localdate()
        try:
            since = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            since = today.replace(year=today.year - 1, day=28)
        return cls(since + timedelta(days=1), today)

    def bounds(self) -> tuple[datetime, datetime]:
        """Aware datetimes: start of ``since``, start of the day after ``until``."""
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(self.since, time.min), tz)
        end = timezone.make_aware(datetime.combine(self.until + timedelta(days=1), time.min), tz)
        return start, end


def _active_after(days: int, now: datetime) -> Q:
    span = timedelta(days=days)
    return Q(activated_at__lte=now - span) & (Q(stopped_at__isnull=True) | Q(stopped_at__gt=F("activated_at") + span))


def _figures() -> dict[str, Count]:
    now = timezone.now()
    had_intake = Q(Exists(Intake.objects.filter(engagement=OuterRef("pk")))) | Q(
        Exists(StatusChange.objects.filter(engagement=OuterRef("pk"), status=Status.INTAKE))
    )
    figures = {
        "leads": Count("pk"),
        "answered_in_time": Count("pk", filter=Q(contacted_at__lte=F("created_at") + ANSWER_WITHIN)),
        "intakes": Count("pk", filter=had_intake),
        "active_3m": Count("pk", filter=_active_after(90, now)),
        "active_12m": Count("pk", filter=_active_after(365, now)),
        "stopped": Count("pk", filter=Q(status=Status.STOPPED)),
    }
    for value, _label in StopReason.choices:
        figures[f"stopped_{value}"] = Count("pk", filter=Q(status=Status.STOPPED, stop_reason=value))
    return figures


def cohort(period: Period) -> QuerySet[Engagement]:
    """The engagements the funnel counts: created in the period (withdrawn and erased too)."""
    start, end = period.bounds()
    return Engagement.objects.filter(created_at__gte=start, created_at__lt=end)


def empty() -> dict[str, int]:
    return dict.fromkeys(KEYS, 0)


def per_group(period: Period, organisation_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """{organisation id: figures} for the groups with engagements in the period (one query)."""
    qs = cohort(period)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    result: dict[int, dict[str, int]] = {}
    for row in qs.order_by().values("organisation_id").annotate(**_figures()):
        values: dict[str, int] = dict(row)  # type: ignore[arg-type]
        result[values.pop("organisation_id")] = values
    return result


def for_group(org: Organisation, period: Period) -> dict[str, int]:
    """One group's figures (one query)."""
    return cohort(period).filter(organisation=org).aggregate(**_figures())


def network(period: Period) -> dict[str, int]:
    """The whole network's figures (one query)."""
    return cohort(period).aggregate(**_figures())


def groups_in(period: Period) -> QuerySet[Organisation]:
    """The groups the secretariat's table lists: member groups, and former members that
    still had leads in the period."""
    start, end = period.bounds()
    with_leads = Exists(
        Engagement.objects.filter(organisation=OuterRef("pk"), created_at__gte=start, created_at__lt=end)
    )
    return Organisation.objects.filter(Q(status=MembershipStatus.MEMBER) | Q(with_leads)).order_by("name", "pk")


def suppress(value: int) -> int | str:
    """A count as it may leave the group: 1 to 4 become "<5"; 0 and 5+ stay."""
    return "<5" if 0 < value < SMALL else value


def suppressed(figures: dict[str, int]) -> dict[str, int | str]:
    return {key: suppress(value) for key, value in figures.items()}


def rows(figures: dict[str, int] | dict[str, int | str], columns=COLUMNS) -> list[tuple[str, object]]:
    """(label, value) pairs in the funnel's order, for templates."""
    return [(str(label), figures.get(key, 0)) for key, label in columns]


# ---------------------------------------------------------------- exports (suppressed)


def export_header() -> list[str]:
    return ["group", "slug", "municipality", "since", "until", *KEYS]


def export_rows(period: Period) -> Iterator[list]:
    """The network first, then one row per group, small counts suppressed (two queries)."""
    figures = per_group(period)
    dates = [period.since.isoformat(), period.until.isoformat()]
    total = empty()
    for row in figures.values():
        for key in KEYS:
            total[key] += row[key]
    network_row = suppressed(total)
    yield [str(_("Whole network")), "", "", *dates, *(network_row[key] for key in KEYS)]
    for org in groups_in(period).select_related("municipality").iterator(chunk_size=500):
        shown = suppressed(figures.get(org.pk) or empty())
        yield [org.name, org.slug, org.municipality.name_nl, *dates, *(shown[key] for key in KEYS)]


def _filename(period: Period, ext: str) -> str:
    return f"gastvrij-vrijwilligers-{period.since.isoformat()}-{period.until.isoformat()}.{ext}"


def csv_response(period: Period, *, acting_user) -> StreamingHttpResponse:
    audit.record("funnel.exported", actor=acting_user, format="csv", since=str(period.since), until=str(period.until))
    return exports.csv_response(export_header(), export_rows(period), _filename(period, "csv"))


def xlsx_response(period: Period, *, acting_user) -> FileResponse:
    audit.record("funnel.exported", actor=acting_user, format="xlsx", since=str(period.since), until=str(period.until))
    return exports.xlsx_response(export_header(), export_rows(period), _filename(period, "xlsx"), sheet="vrijwilligers")
