"""What the volunteers app adds to the homes and the group tools (registries in
``core/homes.py`` and ``core/navigation.py``): a coordinator's leads, follow-ups and vacancies
to do; a volunteer's groups, conversations, vacancies and the check-in."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.homes import Panel, Todo, group_todos, home_panel, role_todos
from core.navigation import register_group_tool
from organisations.models import Organisation, OrganisationMember, Role

from .coordination import SECRETARIAT_DAYS, UNANSWERED_DAYS
from .models import Engagement, Status, Vacancy

ENDING_SOON_DAYS = 14  # a vacancy whose end date is this close shows on the coordinator's home


def register() -> None:
    register_group_tool("volunteers", gettext_lazy("Leads and volunteers"), "volunteers:inbox", order=10)
    register_group_tool("vacancies", gettext_lazy("Vacancies"), "volunteers:group_vacancies", order=30)
    register_group_tool("interpreters", gettext_lazy("Interpreters"), "volunteers:interpreters", order=40)
    register_group_tool("figures", gettext_lazy("Figures"), "volunteers:group_figures", order=50)


def _inbox(group: Organisation, **params: str) -> str:
    url = reverse("volunteers:inbox", args=[group.slug])
    return f"{url}?{urlencode(params)}" if params else url


@group_todos
def coordinator_todos(groups: list[Organisation], today: date) -> dict[int, list[Todo]]:
    """New leads, leads waiting 7+ days, follow-ups due, vacancies ending soon: two queries for
    every group at once."""
    now = timezone.now()
    ids = [g.pk for g in groups]
    lead = Q(status=Status.LEAD, contacted_at__isnull=True)
    counts: dict[int, dict[str, int]] = {
        row["organisation_id"]: {"new": row["new"], "waiting": row["waiting"], "due": row["due"]}
        for row in Engagement.objects.shared()
        .filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(
            new=Count("pk", filter=lead),
            waiting=Count("pk", filter=lead & Q(created_at__lte=now - timedelta(days=UNANSWERED_DAYS))),
            due=Count("pk", filter=Q(next_follow_up__lte=today) & ~Q(status=Status.STOPPED)),
        )
        .order_by()
    }
    ending = dict(
        Vacancy.objects.open()
        .filter(organisation_id__in=ids, ends_on__lte=today + timedelta(days=ENDING_SOON_DAYS))
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    todos: dict[int, list[Todo]] = {}
    for group in groups:
        row = counts.get(group.pk, {})
        new, waiting, due = row.get("new", 0), row.get("waiting", 0), row.get("due", 0)
        todos[group.pk] = [
            Todo(_("New leads to answer"), _inbox(group, status=Status.LEAD), new, order=10),
            Todo(
                ngettext(
                    "Waiting for an answer for %(days)d day or more",
                    "Waiting for an answer for %(days)d days or more",
                    UNANSWERED_DAYS,
                )
                % {"days": UNANSWERED_DAYS},
                _inbox(group, te_doen="wachtend"),
                waiting,
                urgent=True,
                order=20,
            ),
            Todo(_("Follow-up conversations due"), _inbox(group, te_doen="opvolging"), due, order=30),
            Todo(
                ngettext(
                    "Vacancies ending within %(days)d day", "Vacancies ending within %(days)d days", ENDING_SOON_DAYS
                )
                % {"days": ENDING_SOON_DAYS},
                reverse("volunteers:group_vacancies", args=[group.slug]),
                ending.get(group.pk, 0),
                order=50,
            ),
        ]
    return todos


@home_panel("volunteer", order=10)
def volunteer_panel(request: HttpRequest) -> list[Panel]:
    """The groups a person volunteers in, their next conversations, their groups' open
    vacancies and the self-care check-in (four queries, whatever the number of groups)."""
    user: Any = request.user
    memberships = list(
        OrganisationMember.objects.filter(user=user, left_at__isnull=True, role=Role.VOLUNTEER)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if not memberships:
        return []
    groups = [m.organisation for m in memberships]
    today = timezone.localdate()
    vacancies = dict(
        Vacancy.objects.open()
        .filter(organisation__in=groups)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    engagements = list(
        Engagement.objects.shared()
        .filter(volunteer__user=user, next_follow_up__isnull=False)
        .exclude(status=Status.STOPPED)
        .select_related("organisation")
        .order_by("next_follow_up")
    )
    check_in = user.volunteer.check_ins.first() if hasattr(user, "volunteer") and user.volunteer is not None else None
    me = reverse("volunteers:me")
    todos: list[Todo] = []
    for e in engagements:
        assert e.next_follow_up is not None  # filtered above
        when = formats.date_format(e.next_follow_up, "DATE_FORMAT")
        todos.append(
            Todo(
                _("Follow-up conversation with %(group)s") % {"group": e.organisation.name},
                "",
                hint=_("Planned for %(date)s") % {"date": when},
                urgent=e.next_follow_up <= today,
                order=10,
            )
        )
    for group in groups:
        todos.append(
            Todo(
                _("Open vacancies of %(group)s") % {"group": group.name},
                group.get_absolute_url() + "#vacatures",
                vacancies.get(group.pk, 0),
                order=20,
            )
        )
    hint = (
        _("Last check-in: %(date)s, %(load)s")
        % {
            "date": formats.date_format(timezone.localtime(check_in.created_at), "DATE_FORMAT"),
            "load": check_in.get_load_display(),
        }
        if check_in
        else _("You have not checked in yet.")
    )
    todos.append(Todo(_("How heavy does volunteering feel? Check in"), me + "#check-in", hint=hint, order=30))
    return [
        Panel(
            role="volunteer",
            key="volunteer",
            caption=_("You volunteer"),
            title=", ".join(g.name for g in groups),
            todos=todos,
            links=[(_("My volunteering"), me)] + [(g.name, g.get_absolute_url()) for g in groups],
        )
    ]


@role_todos("secretariat")
def secretariat_todos(request: HttpRequest) -> list[Todo]:
    from .waiting import waiting_leads

    waiting = waiting_leads().count()
    return [
        Todo(
            ngettext(
                "Leads nobody answered for %(days)d day", "Leads nobody answered for %(days)d days", SECRETARIAT_DAYS
            )
            % {"days": SECRETARIAT_DAYS},
            reverse("volunteers:waiting"),
            waiting,
            urgent=True,
            order=20,
        ),
        Todo(_("Volunteers in the network (the funnel)"), reverse("volunteers:funnel"), None, order=45),
    ]
