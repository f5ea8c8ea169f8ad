"""A family's record: the group's list, the trajectory, its team and consent, the network
map, the action plan, the contact log, the PDF, the export and the erasure.

Every view fetches the trajectory through ``access.py`` (404 for not-yours), checks the
part's consent on every request (``require_part``), reads the part's rows through the
``for_reader`` querysets (consent in the query) and writes one audit row per page read."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import AUTHENTICATED, COORDINATOR, SECRETARIAT, access
from core.errors import ServiceError
from core.inputs import parse_id
from core.models import AuditEvent
from core.pagination import paginate
from core.prepared import Prepared

from . import ecomap, exports, figures, guests, map_history, services
from .access import get_group_for, get_managed_trajectory_for, get_trajectory_for, require_part
from .forms import (
    ActorForm,
    AssignForm,
    BridgeForm,
    CompareForm,
    ConsentForm,
    ContactForm,
    DomainForm,
    GoalForm,
    MemberForm,
    OwnDomainForm,
    PreferenceForm,
    TrajectoryForm,
)
from .models import (
    OWN_DOMAIN_PREFIX,
    Actor,
    Assignment,
    Consent,
    Contact,
    DomainEntry,
    FamilyMember,
    Goal,
    GuestAccess,
    Part,
    Step,
    Trajectory,
    TrajectoryStatus,
)
from .prompts import DOMAIN_PROMPTS, GENERAL_PROMPTS, domain_label, domain_list


def _context(request: HttpRequest, trajectory: Trajectory, parts: set[str] | None = None, **extra: Any) -> dict:
    coordinator = trajectory.is_coordinator(request.user)
    extra.setdefault(
        "section", SECTIONS.get(request.resolver_match.url_name or "" if request.resolver_match else "", "")
    )
    return {
        "trajectory": trajectory,
        "org": trajectory.organisation,
        "is_coordinator": coordinator,
        "read_only": guests.reads_only(trajectory, request.user),
        "parts": parts if parts is not None else trajectory.readable_parts(request.user),
        **extra,
    }


# The reads of every overview, map and plan page, compiled once per connection (``core/prepared.py``,
# issue 11). They read the family's whole part: only for a reader who may read all of it
# (``_reads_whole``); a reader with consent for some domains gets the ``for_reader`` queries.
_MEMBERS = Prepared(FamilyMember, lambda family: FamilyMember.objects.filter(trajectory_id=family), family=int)
_ASSIGNMENTS = Prepared(
    Assignment, lambda family: Assignment.objects.filter(trajectory_id=family).select_related("user"), family=int
)
_REACHED = Prepared(
    Goal,
    lambda family: Goal.objects.filter(trajectory_id=family, reached_at__isnull=False).values_list("pk").order_by(),
    family=int,
)
_ENTRIES = Prepared(DomainEntry, lambda family: DomainEntry.objects.filter(trajectory_id=family), family=int)
_ACTORS = Prepared(Actor, lambda family: Actor.objects.filter(domain__trajectory_id=family).order_by("pk"), family=int)
_GOALS = Prepared(Goal, lambda family: Goal.objects.filter(trajectory_id=family), family=int)
_STEPS = Prepared(Step, lambda family: Step.objects.filter(goal__trajectory_id=family), family=int)


_REFERRALS: Prepared | None = None


def _referrals() -> Prepared:
    """The family's referrals of its goals (``Referral.objects.for_reader`` for a reader of the
    whole plan), prepared on first use (the referrals app imports this one's models)."""
    global _REFERRALS
    if _REFERRALS is None:
        from referrals.models import Referral

        _REFERRALS = Prepared(
            Referral,
            lambda family: Referral.objects.filter(trajectory_id=family, goal__trajectory_id=family),
            family=int,
        )
    return _REFERRALS


def _reads_whole(user: Any, trajectory: Trajectory, part: str) -> bool:
    """The reader may read the whole part: the group's coordinator, or a consent for the part
    without a domain (the same answer as ``for_reader``, from what the request has read)."""
    return trajectory.is_coordinator(user) or "" in trajectory.consented_domains(user).get(part, set())


def _goals_with_steps(trajectory: Trajectory) -> list[Goal]:
    """The family's goals, each with its steps as ``prefetch_related("steps")`` leaves them."""
    goals = cast(list[Goal], _GOALS.objects(family=trajectory.pk))
    by_goal: dict[int, list[Step]] = {}
    for step in cast(list[Step], _STEPS.objects(family=trajectory.pk)):
        by_goal.setdefault(step.goal_id, []).append(step)
    for goal in goals:
        for step in by_goal.get(goal.pk, []):
            step.goal = goal  # as the prefetch leaves it
        steps = goal.steps.all()
        steps._result_cache = by_goal.get(goal.pk, [])  # type: ignore[attr-defined]
        steps._prefetch_done = True  # type: ignore[attr-defined]
        goal._prefetched_objects_cache = {"steps": steps}  # type: ignore[attr-defined]
    return goals


def _posted_id(request: HttpRequest, name: str) -> int:
    """A posted object id; 404 when it is missing or not a valid id."""
    value = parse_id(request.POST.get(name))
    if value is None:
        raise Http404
    return value


SECTIONS = {
    "trajectory": "overview",
    "members": "members",
    "team": "team",
    "consent": "consent",
    "log": "log",
    "map": "map",
    "domain": "map",
    "plan": "plan",
    "goal_new": "plan",
    "goal": "plan",
    "contacts": "contacts",
}


def _refused(request: HttpRequest, error: ServiceError) -> None:
    messages.error(request, str(error))


# ---------------------------------------------------------------- lists


@access(COORDINATOR)
@require_GET
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's trajectories, for its coordinators (not those kept out of a family)."""
    org = get_group_for(request.user, slug)
    trajectories = Trajectory.objects.visible_to(request.user).filter(organisation=org)
    page = paginate(request, trajectories.prefetch_related("assignments__user"))
    services.record_list_read(request.user, org, len(page.object_list))
    return render(request, "families/group_list.html", {"org": org, "page": page})


@access(AUTHENTICATED)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The families the user supports as an assigned volunteer."""
    trajectories = list(
        Trajectory.objects.visible_to(request.user)
        .filter(
            Exists(Assignment.objects.filter(trajectory=OuterRef("pk"), user=request.user))  # type: ignore[misc]
            | Exists(GuestAccess.objects.filter(trajectory=OuterRef("pk"), user=request.user))  # type: ignore[misc]
        )
        .select_related("organisation")
    )
    for trajectory in trajectories:
        services.record_read(trajectory, request.user, "list")
    return render(request, "families/mine.html", {"trajectories": trajectories})


@access(COORDINATOR)
@require_http_methods(["GET", "HEAD", "POST"])
def new(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_group_for(request.user, slug)
    data = request.POST if request.method == "POST" else None
    form = TrajectoryForm(data, prefix="t")
    member = MemberForm(data, prefix="m")
    if request.method == "POST":
        valid = form.is_valid()
        member_valid = member.is_valid() if member.has_changed() else True
        if valid and member_valid:
            members = [member.cleaned_data] if member.has_changed() else []
            trajectory = services.open_trajectory(org, acting_user=request.user, members=members, **form.cleaned_data)
            messages.success(request, _("The support trajectory is open. Add the other family members."))
            return redirect("families:members", trajectory.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "families/new.html", {"org": org, "form": form, "member": member}, status=status)


# ---------------------------------------------------------------- the trajectory


@access(AUTHENTICATED)
@require_GET
def trajectory(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    context = _context(request, trajectory)
    services.record_read(trajectory, request.user, "overview")
    # A guest professional sees the consented parts, not the family's members or volunteers (0024).
    context["guest"] = context["read_only"]
    context["members"] = [] if context["guest"] else _MEMBERS.objects(family=trajectory.pk)
    context["assignments"] = [] if context["guest"] else _ASSIGNMENTS.objects(family=trajectory.pk)
    if Part.PLAN not in context["parts"]:
        context["successes"] = None
    elif _reads_whole(request.user, trajectory, Part.PLAN):
        context["successes"] = len(_REACHED.values(family=trajectory.pk))
    else:
        reached = Goal.objects.for_reader(request.user, trajectory).filter(reached_at__isnull=False)  # type: ignore[attr-defined]
        context["successes"] = reached.count()
    return render(request, "families/trajectory.html", context)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_managed_trajectory_for(request.user, pk)
    details = TrajectoryForm(
        request.POST if request.POST.get("action") == "details" else None,
        prefix="t",
        initial={"pseudonym": trajectory.pseudonym, "contact_language": trajectory.contact_language},
    )
    form = MemberForm(request.POST if request.POST.get("action") == "member" else None, prefix="m")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "details" and details.is_valid():
            services.change_details(trajectory, acting_user=request.user, **details.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("families:members", trajectory.pk)
        if action == "member" and form.is_valid():
            services.add_member(trajectory, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The family member has been added."))
            return redirect("families:members", trajectory.pk)
        if action == "remove":
            member = FamilyMember.objects.filter(trajectory=trajectory, pk=_posted_id(request, "member")).first()
            if member is None:
                raise Http404
            services.remove_member(member, acting_user=request.user)
            messages.success(request, _("The family member has been removed."))
            return redirect("families:members", trajectory.pk)
        status = 400
        if action not in ("details", "member"):
            messages.error(request, _("Choose what to save."))
    services.record_read(trajectory, request.user, "members")
    context = _context(request, trajectory, form=form, details=details, members=trajectory.members.all())
    return render(request, "families/members.html", context, status=status)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def team(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_managed_trajectory_for(request.user, pk)
    people = list(services.group_people(trajectory))
    coordinators = [m.user for m in people if m.role == "coordinator"]
    action = request.POST.get("action")
    assign_form = AssignForm(request.POST if action == "assign" else None, people=people, prefix="a")
    bridge_form = BridgeForm(
        request.POST if action == "bridge" else None,
        coordinators=coordinators,
        prefix="b",
        initial={"bridge_figure": trajectory.bridge_figure_id},
    )
    preference_form = PreferenceForm(
        request.POST if action == "preference" else None,
        prefix="p",
        initial={"volunteer_gender": trajectory.volunteer_gender},
    )
    status = 200
    if request.method == "POST":
        try:
            if action == "preference" and preference_form.is_valid():
                gender = preference_form.cleaned_data["volunteer_gender"]
                services.set_volunteer_gender(trajectory, gender, acting_user=request.user)
                messages.success(request, _("Saved."))
                return redirect("families:team", trajectory.pk)
            if action == "assign" and assign_form.is_valid():
                data = dict(assign_form.cleaned_data)
                chosen_id = data.pop("user")
                user = next(m.user for m in people if m.user_id == chosen_id)
                services.assign(trajectory, user, acting_user=request.user, **data)
                messages.success(request, _("%(name)s now supports this family.") % {"name": user})
                return redirect("families:team", trajectory.pk)
            if action == "bridge" and bridge_form.is_valid():
                chosen = bridge_form.cleaned_data["bridge_figure"]
                user = next((u for u in coordinators if u.pk == chosen), None)
                services.set_bridge_figure(trajectory, user, acting_user=request.user)
                messages.success(request, _("Saved."))
                return redirect("families:team", trajectory.pk)
            if action == "exclude":
                chosen_ids = {parse_id(v) for v in request.POST.getlist("excluded")}
                services.set_excluded(
                    trajectory, [u for u in coordinators if u.pk in chosen_ids], acting_user=request.user
                )
                messages.success(request, _("Saved."))
                return redirect("families:team", trajectory.pk)
            if action == "unassign":
                assignment = Assignment.objects.filter(
                    trajectory=trajectory, pk=_posted_id(request, "assignment")
                ).first()
                if assignment is None:
                    raise Http404
                services.unassign(assignment, acting_user=request.user)
                messages.success(request, _("%(name)s no longer supports this family.") % {"name": assignment.user})
                return redirect("families:team", trajectory.pk)
            if action not in ("assign", "bridge", "preference"):
                messages.error(request, _("Choose what to save."))
        except ServiceError as error:
            _refused(request, error)
        status = 400
    services.record_read(trajectory, request.user, "team")
    context = _context(
        request,
        trajectory,
        assignments=trajectory.assignments.select_related("user"),
        suggestions=services.suggestions(trajectory),
        assign_form=assign_form,
        bridge_form=bridge_form,
        preference_form=preference_form,
        coordinators=[u for u in coordinators if u.pk != request.user.pk],
        excluded_ids=set(trajectory.excluded_coordinators.values_list("pk", flat=True)),
    )
    return render(request, "families/team.html", context, status=status)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_managed_trajectory_for(request.user, pk)
    receivers = list(trajectory.assignments.select_related("user")) + guests.consent_receivers(trajectory)
    action = request.POST.get("action")
    form = ConsentForm(request.POST if action == "give" else None, receivers=receivers)
    status = 200
    if request.method == "POST":
        if action == "withdraw":
            found = Consent.objects.filter(trajectory=trajectory, pk=_posted_id(request, "consent")).first()
            if found is None:
                raise Http404
            services.withdraw_consent(found, acting_user=request.user)
            messages.success(request, _("The consent is withdrawn, from now on."))
            return redirect("families:consent", trajectory.pk)
        if action == "give" and form.is_valid():
            data = dict(form.cleaned_data)
            receiver_id = data.pop("receiver")
            receiver = next((a.user for a in receivers if a.user_id == receiver_id), None)
            services.give_consent(trajectory, acting_user=request.user, receiver=receiver, **data)
            messages.success(request, _("The consent has been recorded."))
            return redirect("families:consent", trajectory.pk)
        if action != "give":
            messages.error(request, _("Choose what to save."))
        status = 400
    services.record_read(trajectory, request.user, "consent")
    consents = trajectory.consents.select_related("receiver")
    context = _context(request, trajectory, form=form, consents=consents)
    return render(request, "families/consent.html", context, status=status)


@access(AUTHENTICATED)
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_managed_trajectory_for(request.user, pk)
    new_status = request.POST.get("status", "")
    if new_status not in TrajectoryStatus.values:
        messages.error(request, _("Choose a status."))
        return redirect("families:trajectory", trajectory.pk)
    try:
        services.change_status(trajectory, new_status, acting_user=request.user)
        messages.success(request, _("Saved."))
    except ServiceError as error:
        _refused(request, error)
    return redirect("families:trajectory", trajectory.pk)


@access(AUTHENTICATED)
@require_GET
def log(request: HttpRequest, pk: int) -> HttpResponse:
    """Who read or changed this family's record, and which part: for the group's coordinators."""
    from core import audit

    trajectory = get_managed_trajectory_for(request.user, pk)
    services.record_read(trajectory, request.user, "log")
    events = AuditEvent.objects.filter(
        object_type=Trajectory._meta.label_lower, object_id=trajectory.pk, organisation_id=trajectory.organisation_id
    ).select_related("actor")
    page = paginate(request, events.order_by("-pk"), per_page=50)
    rows = [
        {
            "event": e,
            "action": audit.label(e.action),
            "role": str(audit.ROLE_LABELS.get(e.actor_role, e.actor_role)),
        }
        for e in page
    ]
    return render(request, "families/log.html", _context(request, trajectory, page=page, rows=rows))


# ---------------------------------------------------------------- network map


def _domain_rows(
    request: HttpRequest, trajectory: Trajectory, found: dict[str, tuple[DomainEntry, list[Actor]]]
) -> list[dict]:
    """The map's domains as the page, the list and the SVG draw them: the ten life domains and
    the family's own, those the reader may see, each with its entry and actors (if any)."""
    allowed = _allowed_domains(request.user, trajectory)
    domains = []
    for code in domain_list(found):
        if allowed is not None and code not in allowed and not (code.startswith(OWN_DOMAIN_PREFIX) and "" in allowed):
            continue
        entry, actors = found.get(code, (None, []))
        domains.append(
            {
                "code": code,
                "label": entry.label if entry else domain_label(code),
                "entry": entry,
                "actors": actors,
                "skipped": bool(entry and entry.skipped),
                "empty": entry is None
                or not (entry.skipped or entry.goes_well or entry.less_well or entry.help_needed or actors),
                "prompts": DOMAIN_PROMPTS.get(code, []),
            }
        )
    return domains


def _map_data(request: HttpRequest, trajectory: Trajectory) -> tuple[list[dict], dict]:
    # The actors of the domains read (consent is in the entries' query), grouped here: two
    # plain queries, cheaper than prefetch_related's machinery (issue 11); prepared ones for
    # a reader of the whole map.
    if _reads_whole(request.user, trajectory, Part.MAP):
        entries = cast(list[DomainEntry], _ENTRIES.objects(family=trajectory.pk))
        actors: dict[int, list[Actor]] = {e.pk: [] for e in entries}
        for actor in cast(list[Actor], _ACTORS.objects(family=trajectory.pk)):
            actors[actor.domain_id].append(actor)
    else:
        entries = list(DomainEntry.objects.for_reader(request.user, trajectory))  # type: ignore[attr-defined]
        actors = {e.pk: [] for e in entries}
        if actors:
            for actor in Actor.objects.filter(domain_id__in=list(actors)).order_by("pk"):
                actors[actor.domain_id].append(actor)
    found = {e.domain: (e, actors[e.pk]) for e in entries}
    domains = _domain_rows(request, trajectory, found)
    return domains, {"svg": ecomap.render(trajectory, domains)}


def _earlier_map(request: HttpRequest, trajectory: Trajectory, day: Any, today: list[dict]) -> dict:
    """The map at the end of ``day`` (the reader's domains only), its SVG and, per domain,
    what changed since."""
    payloads = map_history.domains_on(trajectory, request.user, day)
    found = {code: map_history.as_objects(trajectory, code, p) for code, p in payloads.items()}
    domains = _domain_rows(request, trajectory, found)
    changed = []
    for row in today:
        lines = map_history.changes(payloads.get(row["code"]), row["entry"], row["actors"])
        if lines:
            changed.append({"code": row["code"], "label": row["label"], "lines": lines})
    return {
        "day": day,
        "domains": domains,
        "svg": ecomap.render(trajectory, domains, ids="ecomap-earlier", on=date_format(day, "DATE_FORMAT")),
        "changed": changed,
    }


def _allowed_domains(user: Any, trajectory: Trajectory, part: str = Part.MAP) -> set[str] | None:
    """None: every domain; otherwise the domains the user's consents name ("" = all)."""
    if trajectory.is_coordinator(user):
        return None
    domains = set(trajectory.consented_domains(user).get(part, set()))
    if "" in domains:
        return None
    return domains


@access(AUTHENTICATED)
@require_GET
def network_map(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    parts = require_part(request.user, trajectory, Part.MAP)
    domains, drawing = _map_data(request, trajectory)
    services.record_read(trajectory, request.user, Part.MAP)
    context = _context(request, trajectory, parts, domains=domains, general_prompts=GENERAL_PROMPTS, **drawing)
    context["own_form"] = OwnDomainForm()
    # The map at an earlier day with a change, next to today's (?compare=YYYY-MM-DD).
    days = map_history.days(trajectory, request.user)
    compare = CompareForm(request.GET if "compare" in request.GET else None, days=days)
    context["compare_form"] = compare if days else None
    if compare.is_bound and compare.is_valid():
        day = compare.cleaned_data["compare"]
        context["earlier"] = _earlier_map(request, trajectory, day, domains)
        services.record_history_read(trajectory, request.user, day)
    return render(request, "families/map.html", context)


def _domain_or_404(request: HttpRequest, trajectory: Trajectory, code: str) -> tuple[str, DomainEntry | None]:
    allowed = _allowed_domains(request.user, trajectory)
    entry = DomainEntry.objects.for_reader(request.user, trajectory).filter(domain=code).first()  # type: ignore[attr-defined]
    if code.startswith(OWN_DOMAIN_PREFIX):
        if entry is None:
            raise Http404
    elif code not in DOMAIN_PROMPTS:
        raise Http404
    if allowed is not None and code not in allowed:
        raise Http404
    return code, entry


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def domain(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    parts = require_part(request.user, trajectory, Part.MAP)
    code, entry = _domain_or_404(request, trajectory, code)
    action = request.POST.get("action")
    initial = (
        {
            "skipped": entry.skipped,
            "goes_well": entry.goes_well,
            "less_well": entry.less_well,
            "help_needed": entry.help_needed,
        }
        if entry
        else {}
    )
    form = DomainForm(request.POST if action == "save" else None, initial=initial)
    actor_form = ActorForm(request.POST if action == "actor" else None, prefix="actor")
    status = 200
    if request.method == "POST":
        try:
            goals_here = Goal.objects.filter(trajectory=trajectory, domain=code).count()
            needs_confirm = (
                action == "save"
                and form.is_valid()
                and form.cleaned_data["skipped"]
                and goals_here
                and not (entry and entry.skipped)
                and request.POST.get("confirm") != "yes"
            )
            if needs_confirm:
                messages.warning(
                    request, _("This domain still has goals in the action plan. Tick the box to skip it anyway.")
                )
            elif action == "save" and form.is_valid():
                services.save_domain(trajectory, code, acting_user=request.user, **form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect(f"{reverse('families:map', args=[trajectory.pk])}#domain-{code}")
            if action == "actor" and actor_form.is_valid():
                services.add_actor(trajectory, code, acting_user=request.user, **actor_form.cleaned_data)
                messages.success(request, _("The actor has been added."))
                return redirect("families:domain", trajectory.pk, code)
            if action == "remove-actor":
                actor = (
                    Actor.objects.for_reader(request.user, trajectory)
                    .filter(  # type: ignore[attr-defined]
                        domain__domain=code, pk=_posted_id(request, "actor")
                    )
                    .first()
                )
                if actor is None:
                    raise Http404
                services.remove_actor(actor, acting_user=request.user)
                messages.success(request, _("The actor has been removed."))
                return redirect("families:domain", trajectory.pk, code)
            if action not in ("save", "actor"):
                messages.error(request, _("Choose what to save."))
        except ServiceError as error:
            _refused(request, error)
        status = 400
    services.record_read(trajectory, request.user, Part.MAP)
    context = _context(
        request,
        trajectory,
        parts,
        code=code,
        label=entry.label if entry else domain_label(code),
        entry=entry,
        actors=entry.actors.all() if entry else [],
        form=form,
        actor_form=actor_form,
        prompts=DOMAIN_PROMPTS.get(code, []),
        general_prompts=GENERAL_PROMPTS,
        goals_in_domain=Goal.objects.filter(trajectory=trajectory, domain=code).count(),
        confirm_skip=status == 400 and action == "save" and form.is_valid() and form.cleaned_data["skipped"],
    )
    return render(request, "families/domain.html", context, status=status)


@access(AUTHENTICATED)
@require_POST
def own_domain(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    require_part(request.user, trajectory, Part.MAP)
    if _allowed_domains(request.user, trajectory) is not None:
        raise Http404
    form = OwnDomainForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the own domain a name (at most 100 characters)."))
        return redirect("families:map", trajectory.pk)
    entry = services.add_own_domain(trajectory, form.cleaned_data["own_label"], acting_user=request.user)
    return redirect("families:domain", trajectory.pk, entry.domain)


# ---------------------------------------------------------------- action plan


def _goal_domains(request: HttpRequest, trajectory: Trajectory) -> list[tuple[str, str]]:
    allowed = _allowed_domains(request.user, trajectory, Part.PLAN)
    own = {e.domain: e for e in DomainEntry.objects.filter(trajectory=trajectory, domain__startswith=OWN_DOMAIN_PREFIX)}
    codes = [c for c in domain_list(own) if c != "volunteer-support"]
    return [(c, own[c].label if c in own else domain_label(c)) for c in codes if allowed is None or c in allowed]


@access(AUTHENTICATED)
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    parts = require_part(request.user, trajectory, Part.PLAN)
    whole = _reads_whole(request.user, trajectory, Part.PLAN)
    if whole:
        goals = _goals_with_steps(trajectory)
    else:  # some domains only: the consent's domains filter the goals in the query
        goals = list(Goal.objects.for_reader(request.user, trajectory).prefetch_related("steps"))  # type: ignore[attr-defined]
    # The own domains' names are read only when a goal is in one of them.
    own = any(goal.domain.startswith(OWN_DOMAIN_PREFIX) for goal in goals)
    labels = dict(_goal_domains(request, trajectory)) if own else {}
    for goal in goals:
        goal.domain_label = labels.get(goal.domain, domain_label(goal.domain))  # type: ignore[attr-defined]
    from referrals.services import attach_to_goals

    if goals and whole:
        # ``attach_to_goals`` for a reader of every goal: the family's referrals (of its goals).
        by_goal: dict[int, list[Any]] = {}
        for referral in _referrals().objects(family=trajectory.pk):
            by_goal.setdefault(referral.goal_id, []).append(referral)  # type: ignore[attr-defined]
        for goal in goals:
            goal.referral_list = by_goal.get(goal.pk, [])  # type: ignore[attr-defined]
    elif goals:
        attach_to_goals(request.user, trajectory, goals)
    services.record_read(trajectory, request.user, Part.PLAN)
    context = _context(
        request,
        trajectory,
        parts,
        goals=goals,
        reached=[g for g in goals if g.reached_at],
        checklist=services.checklist_items(),
    )
    return render(request, "families/plan.html", context)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def goal_new(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    parts = require_part(request.user, trajectory, Part.PLAN)
    domains = _goal_domains(request, trajectory)
    item = services.checklist_item(parse_id(request.GET.get("item") or request.POST.get("item")))
    initial: dict[str, Any] = {}
    if item is not None:
        initial = {"what": item.text, "by_term": item.deadline}
    form = GoalForm(request.POST if request.method == "POST" else None, domains=domains, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            step = data.pop("new_step")
            services.add_goal(
                trajectory, acting_user=request.user, steps=[step] if step else [], checklist_item=item, **data
            )
            messages.success(request, _("The goal has been added."))
            if form.past_deadline:
                messages.warning(request, _("The date by when is in the past: is that right?"))
            return redirect("families:plan", trajectory.pk)
        status = 400
    services.record_read(trajectory, request.user, Part.PLAN)
    context = _context(request, trajectory, parts, form=form, item=item)
    return render(request, "families/goal_form.html", context, status=status)


def _goal_or_404(request: HttpRequest, trajectory: Trajectory, goal_pk: int) -> Goal:
    goal = Goal.objects.for_reader(request.user, trajectory).filter(pk=goal_pk).first()  # type: ignore[attr-defined]
    if goal is None:
        raise Http404
    return goal


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def goal_edit(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    parts = require_part(request.user, trajectory, Part.PLAN)
    goal = _goal_or_404(request, trajectory, goal_pk)
    domains = _goal_domains(request, trajectory)
    if goal.domain not in dict(domains):
        domains.append((goal.domain, domain_label(goal.domain)))
    action = request.POST.get("action")
    initial = {name: getattr(goal, name) for name in services.GOAL_FIELDS}
    form = GoalForm(request.POST if action == "save" else None, domains=domains, initial=initial)
    status = 200
    if request.method == "POST":
        if action == "save" and form.is_valid():
            data = dict(form.cleaned_data)
            services.change_goal(goal, acting_user=request.user, **data)
            messages.success(request, _("Saved."))
            if form.past_deadline:
                messages.warning(request, _("The date by when is in the past: is that right?"))
            return redirect("families:goal", trajectory.pk, goal.pk)
        if action in ("reached", "reopen"):
            services.set_reached(goal, action == "reached", acting_user=request.user)
            if action == "reached":
                messages.success(request, _("Goal reached: well done!"))
            return redirect("families:plan", trajectory.pk)
        if action in ("step-done", "step-open"):
            step = Step.objects.filter(goal=goal, pk=_posted_id(request, "step")).first()
            if step is None:
                raise Http404
            services.set_step_done(step, action == "step-done", acting_user=request.user)
            if request.POST.get("back") == "plan":
                return redirect("families:plan", trajectory.pk)
            return redirect("families:goal", trajectory.pk, goal.pk)
        if action != "save":
            messages.error(request, _("Choose what to save."))
        status = 400
    services.record_read(trajectory, request.user, Part.PLAN)
    from referrals.services import attach_to_goals

    attach_to_goals(request.user, trajectory, [goal])
    context = _context(
        request,
        trajectory,
        parts,
        goal=goal,
        form=form,
        steps=goal.steps.all(),
        revisions=goal.revisions.select_related("changed_by")[:20],
    )
    return render(request, "families/goal_edit.html", context, status=status)


# ---------------------------------------------------------------- contacts


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def contacts(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_trajectory_for(request.user, pk)
    parts = require_part(request.user, trajectory, Part.CONTACTS)
    goals = (
        list(Goal.objects.for_reader(request.user, trajectory))  # type: ignore[attr-defined]
        if Part.PLAN in parts
        else []
    )
    form = ContactForm(request.POST if request.method == "POST" else None, goals=goals)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            chosen = set(data.pop("goals"))
            services.log_contact(
                trajectory, acting_user=request.user, goals=[g for g in goals if g.pk in chosen], **data
            )
            messages.success(request, _("The contact has been logged."))
            return redirect("families:contacts", trajectory.pk)
        status = 400
    services.record_read(trajectory, request.user, Part.CONTACTS)
    log_rows = Contact.objects.for_reader(request.user, trajectory).select_related("by")  # type: ignore[attr-defined]
    if Part.PLAN not in parts:
        log_rows = log_rows.prefetch_related(None)
    else:
        log_rows = log_rows.prefetch_related("goals")
    page = paginate(request, log_rows)
    context = _context(request, trajectory, parts, form=form, page=page)
    return render(request, "families/contacts.html", context, status=status)


# ---------------------------------------------------------------- PDF, export, erasure


@access(AUTHENTICATED)
@require_GET
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The network map and the action plan as a PDF (the parts the reader may see)."""
    from toolkit.pdf import html_to_pdf

    trajectory = get_trajectory_for(request.user, pk)
    parts = trajectory.readable_parts(request.user)
    if not ({Part.MAP, Part.PLAN} & parts):
        raise Http404
    context = _context(request, trajectory, parts)
    if Part.MAP in parts:
        context["domains"], drawing = _map_data(request, trajectory)
        context.update(drawing)
    if Part.PLAN in parts:
        context["goals"] = Goal.objects.for_reader(request.user, trajectory).prefetch_related("steps")  # type: ignore[attr-defined]
    services.record_read(trajectory, request.user, "pdf")
    html = render_to_string("families/print.html", context, request=request)
    response = HttpResponse(html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="gezin-{trajectory.pk}.pdf"'
    return response


@access(AUTHENTICATED)
@require_GET
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held on the family, for a subject-access request (the group's coordinators)."""
    trajectory = get_managed_trajectory_for(request.user, pk)
    data = exports.everything(trajectory)
    services.record_export(trajectory, request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="gezin-{trajectory.pk}.json"'
    return response


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_managed_trajectory_for(request.user, pk)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return render(request, "families/erase.html", _context(request, trajectory), status=400)
        org = trajectory.organisation
        services.erase(trajectory, acting_user=request.user)
        messages.success(request, _("Everything held on the family has been erased."))
        return redirect("families:group_list", org.slug)
    services.record_read(trajectory, request.user, "erase")
    return render(request, "families/erase.html", _context(request, trajectory))


@access(SECRETARIAT)
@require_GET
def network_figures(request: HttpRequest) -> HttpResponse:
    """Aggregates only, with small counts suppressed: no family content leaves the group."""
    context = {"groups": figures.per_group(), "domains": figures.goals_reached_per_domain()}
    return render(request, "families/figures.html", context)
