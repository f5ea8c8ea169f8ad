"""Writes and queries that matter for member groups. Views call these; they stay thin."""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.email import queue_email
from places.models import Municipality
from places.services import Point, distance_km, order_by_distance

from .models import (
    ApplicationMessage,
    ApplicationStatus,
    Invitation,
    MembershipApplication,
    MembershipEvent,
    MembershipStatus,
    Organisation,
    OrganisationMember,
    Role,
)
from .signals import invitation_accepted


class ServiceError(ValueError):
    """A write refused for a reason the user can act on; the message is translated."""


# ---------------------------------------------------------------- directory


@dataclass
class DirectoryFilters:
    q: str = ""
    activities: tuple[str, ...] = ()
    province: str = ""
    municipality: Municipality | None = None
    near: Point | None = None


def directory(filters: DirectoryFilters, *, base: QuerySet | None = None) -> QuerySet:
    """Member groups matching the filters, nearest first when a point is given.

    The queryset prefetches what the list shows, so the number of queries
    does not grow with the number of groups.
    """
    qs = (
        (base if base is not None else Organisation.objects.members())
        .select_related("municipality__province")
        .prefetch_related("activities")
    )
    if filters.q:
        qs = qs.filter(
            Q(name__icontains=filters.q)
            | Q(municipality__name_nl__icontains=filters.q)
            | Q(municipality__name_fr__icontains=filters.q)
        )
    if filters.activities:
        qs = qs.filter(activities__code__in=filters.activities).distinct()
    if filters.province == "brussels":
        qs = qs.filter(municipality__province__isnull=True)
    elif filters.province:
        qs = qs.filter(municipality__province__nis_code=filters.province)
    if filters.municipality is not None:
        m = filters.municipality
        qs = qs.filter(Q(municipality=m) | Q(area_served=m)).distinct()
    if filters.near is not None:
        return order_by_distance(qs, filters.near)
    return qs.order_by("name")


def with_distances(organisations, point: Point | None) -> list:
    """Attach ``distance_km`` to each group of a page (great-circle, rounded to 0.1 km)."""
    items = list(organisations)
    for org in items:
        org.distance_km = distance_km(org, point) if point else None
    return items


SUMMARY_KEY = "organisations:summary"
FIGURES_KEY = "organisations:figures"
MAP_KEY = "organisations:map"
CACHE_SECONDS = 600


def invalidate_figures() -> None:
    """Once the current write commits, recompute the cached figures and map in the background.
    Until the task has run, readers keep the previous figures rather than paying for the
    recomputation in their request. Every service that changes groups or their people calls this."""
    from .tasks import refresh_figures

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


def nearest(
    point: Point, limit: int, *, base: QuerySet | None = None, columns: tuple[str, ...] = ()
) -> list[Organisation]:
    """The ``limit`` groups of ``base`` (default: all members) nearest to ``point``, with ``distance_km``.

    Looks in a small box around the point first (an indexed range scan) and widens
    it only when the box cannot hold the answer, so the usual case never sorts
    every group. A box of half-width r degrees of latitude contains every group
    within r; the answer is exact once the farthest group found lies within r.
    """
    base = (base if base is not None else Organisation.objects.members()).order_by()
    k = math.cos(math.radians(point.latitude))
    ranked: list[tuple[int, float]] = []
    for radius in (0.2, 0.6, None):
        qs = base
        if radius is not None:
            qs = qs.filter(
                latitude__range=(point.latitude - radius, point.latitude + radius),
                longitude__range=(point.longitude - radius / k, point.longitude + radius / k),
            )
        ranked = list(order_by_distance(qs, point).values_list("pk", "distance_sq")[:limit])
        if radius is None or (len(ranked) == limit and math.sqrt(ranked[-1][1]) <= radius):
            break
    rows = Organisation.objects.select_related("municipality__province").prefetch_related("activities")
    by_pk = (rows.only(*columns) if columns else rows).in_bulk([pk for pk, _d in ranked])
    return with_distances([by_pk[pk] for pk, _d in ranked], point)


# What a card of the directory shows (the web page): loading only these columns keeps the
# page's query and its model instances small.
CARD_COLUMNS = (
    "name",
    "slug",
    "latitude",
    "longitude",
    "municipality__name_nl",
    "municipality__name_fr",
    "municipality__province__name_nl",
    "municipality__province__name_fr",
)


def directory_page(
    filters: DirectoryFilters, number, per_page: int, *, strict: bool = False, columns: tuple[str, ...] = ()
) -> tuple[Page, list]:
    """One page of the directory with distances; ``strict`` raises for a bad page number
    (the API) instead of giving the nearest valid page (the web page); ``columns`` loads
    only those (``CARD_COLUMNS`` for the cards)."""
    listing = directory(filters)
    paginator = Paginator(listing.only(*columns) if columns else listing, per_page)
    page = paginator.page(number) if strict else paginator.get_page(number)
    if filters.near is None or not paginator.count:
        return page, with_distances(page.object_list, None)
    unordered = directory(replace(filters, near=None))
    groups = nearest(filters.near, page.end_index(), base=unordered, columns=columns)
    return page, groups[page.start_index() - 1 :]


# ---------------------------------------------------------------- groups


def unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "groep"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def name_taken(name: str, *, exclude_pk: int | None = None) -> bool:
    qs = Organisation.objects.filter(name__iexact=name.strip())
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def place_organisation(org: Organisation) -> None:
    """Copy coordinates from the postcode, or else the municipality."""
    postcode = org.postal_code
    if postcode is not None and postcode.latitude is not None:
        org.latitude, org.longitude = postcode.latitude, postcode.longitude
    else:
        org.latitude, org.longitude = org.municipality.latitude, org.municipality.longitude


@transaction.atomic
def update_profile(org: Organisation, form, *, acting_user) -> Organisation:
    org = form.save(commit=False)
    place_organisation(org)
    org.save()
    invalidate_figures()
    form.save_m2m()
    return org


@transaction.atomic
def end_membership(org: Organisation, *, acting_user, note: str = "") -> None:
    if org.status != MembershipStatus.MEMBER:
        raise ServiceError(_("This group is not a member now."))
    org.status = MembershipStatus.FORMER
    org.save(update_fields=["status", "updated_at"])
    invalidate_figures()
    MembershipEvent.objects.create(organisation=org, status=MembershipStatus.FORMER, note=note, recorded_by=acting_user)


@transaction.atomic
def renew_membership(org: Organisation, *, acting_user, note: str = "") -> None:
    if org.status == MembershipStatus.MEMBER:
        raise ServiceError(_("This group is already a member."))
    org.status = MembershipStatus.MEMBER
    org.save(update_fields=["status", "updated_at"])
    invalidate_figures()
    MembershipEvent.objects.create(organisation=org, status=MembershipStatus.MEMBER, note=note, recorded_by=acting_user)


# ---------------------------------------------------------------- invitations


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("organisations:accept_invitation", args=[token])


@transaction.atomic
def invite_person(
    org: Organisation,
    *,
    email: str,
    full_name: str = "",
    role: str = Role.VOLUNTEER,
    acting_user=None,
    language: str = "nl",
) -> Invitation:
    email = email.strip().lower()
    if OrganisationMember.objects.filter(organisation=org, user__email__iexact=email, left_at__isnull=True).exists():
        raise ServiceError(_("%(email)s is already part of this group.") % {"email": email})
    # A new invitation replaces an open one for the same address.
    Invitation.objects.filter(
        organisation=org, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = Invitation(
        organisation=org,
        email=email,
        full_name=full_name.strip(),
        role=role,
        language=language,
        invited_by=acting_user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    token = invitation.new_token()
    invitation.save()
    queue_email(
        email,
        "organisations/email/invitation",
        {
            "invitation": invitation,
            "organisation": org,
            "link": invitation_link(token),
            "days": settings.INVITATION_VALID_DAYS,
        },
        language=language,
    )
    return invitation


def revoke_invitation(invitation: Invitation, *, acting_user) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token_hash=Invitation.hash(token)).first()


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> OrganisationMember:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ServiceError(_("This invitation has already been used or has expired."))
    member, created = OrganisationMember.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created:
        # Re-joining, or a volunteer promoted to coordinator: the stronger role wins.
        member.left_at = None
        if invitation.role == Role.COORDINATOR:
            member.role = Role.COORDINATOR
        member.save(update_fields=["left_at", "role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    invalidate_figures()
    invitation_accepted.send(sender=Invitation, invitation=invitation, member=member)
    return member


def _is_last_coordinator(member: OrganisationMember) -> bool:
    return (
        member.role == Role.COORDINATOR
        and not member.organisation.people.filter(role=Role.COORDINATOR, left_at__isnull=True)
        .exclude(pk=member.pk)
        .exists()
    )


@transaction.atomic
def change_role(member: OrganisationMember, role: str, *, acting_user) -> OrganisationMember:
    """Make a member coordinator, or a coordinator volunteer again (never the last one)."""
    if role not in Role.values:
        raise ServiceError(_("Choose coordinator or volunteer."))
    member = OrganisationMember.objects.select_for_update().select_related("organisation", "user").get(pk=member.pk)
    if role == Role.VOLUNTEER and _is_last_coordinator(member):
        raise ServiceError(_("A group needs at least one coordinator. Make someone else coordinator first."))
    if member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    return member


@transaction.atomic
def leave_group(member: OrganisationMember, *, acting_user) -> None:
    if _is_last_coordinator(member):
        raise ServiceError(_("A group needs at least one coordinator. Invite another coordinator first."))
    member.left_at = timezone.now()
    invalidate_figures()
    member.save(update_fields=["left_at"])


# ---------------------------------------------------------------- applications


def application_link(token: str) -> str:
    return settings.SITE_URL + reverse("organisations:application_status", args=[token])


@transaction.atomic
def submit_application(form, *, language: str) -> tuple[MembershipApplication, bool]:
    """Save a new application. Returns (application, created); a resubmitted form is not saved twice."""
    key = form.cleaned_data["submission_key"]
    existing = MembershipApplication.objects.filter(submission_key=key).first()
    if existing is not None:
        return existing, False
    application = form.save(commit=False)
    application.language = language
    token = application.new_token()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        return MembershipApplication.objects.get(submission_key=key), False
    form.save_m2m()
    queue_email(
        application.contact_email,
        "organisations/email/application_received",
        {"application": application, "link": application_link(token)},
        language=language,
    )
    _notify_secretariat(application)
    return application, True


def _notify_secretariat(application: MembershipApplication) -> None:
    queue_email(
        settings.SECRETARIAT_EMAIL,
        "organisations/email/application_new",
        {
            "application": application,
            "link": settings.SITE_URL + reverse("organisations:review", args=[application.pk]),
        },
        language="nl",
    )


def _message(application: MembershipApplication, kind: str, text: str, author) -> ApplicationMessage:
    return ApplicationMessage.objects.create(application=application, kind=kind, text=text.strip(), author=author)


def _lock_open(application: MembershipApplication) -> MembershipApplication:
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if not locked.is_open:
        raise ServiceError(_("This application has already been decided."))
    return locked


@transaction.atomic
def approve_application(application: MembershipApplication, *, acting_user, message: str = "") -> Organisation:
    """Make the group a member and invite its contact person as coordinator."""
    application = _lock_open(application)
    if name_taken(application.group_name):
        raise ServiceError(
            _("A member group called “%(name)s” already exists. Ask the group to choose a distinguishing name.")
            % {"name": application.group_name}
        )
    today = timezone.localdate()
    org = Organisation(
        name=application.group_name.strip(),
        slug=unique_slug(application.group_name),
        legal_form=application.legal_form,
        municipality=application.municipality,
        postal_code=application.postal_code,
        audiences=application.audiences,
        description=application.description,
        website=application.website,
        public_email=application.contact_email,
        status=MembershipStatus.MEMBER,
        member_since=today,
    )
    place_organisation(org)
    org.save()
    org.activities.set(application.activities.all())
    org.area_served.set(application.area_served.all())
    MembershipEvent.objects.create(
        organisation=org,
        status=MembershipStatus.APPLIED,
        date=timezone.localdate(application.submitted_at),
        recorded_by=None,
    )
    MembershipEvent.objects.create(
        organisation=org, status=MembershipStatus.MEMBER, date=today, recorded_by=acting_user
    )
    application.status = ApplicationStatus.APPROVED
    application.decided_at = timezone.now()
    application.organisation = org
    application.save(update_fields=["status", "decided_at", "organisation", "updated_at"])
    _message(application, ApplicationMessage.Kind.APPROVED, message, acting_user)
    invitation = Invitation(
        organisation=org,
        email=application.contact_email.lower(),
        full_name=application.contact_name,
        role=Role.COORDINATOR,
        language=application.language,
        invited_by=acting_user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    token = invitation.new_token()
    invitation.save()
    queue_email(
        application.contact_email,
        "organisations/email/application_approved",
        {
            "application": application,
            "message": message,
            "link": invitation_link(token),
            "days": settings.INVITATION_VALID_DAYS,
        },
        language=application.language,
    )
    invalidate_figures()
    return org


@transaction.atomic
def request_information(application: MembershipApplication, *, acting_user, message: str) -> str:
    """Ask the group for more; it answers through a fresh link. Returns the new token."""
    if not message.strip():
        raise ServiceError(_("Please write what you would like to know."))
    application = _lock_open(application)
    token = application.new_token()
    application.status = ApplicationStatus.INFO_REQUESTED
    application.save(update_fields=["status", "token_hash", "updated_at"])
    _message(application, ApplicationMessage.Kind.INFO_REQUESTED, message, acting_user)
    queue_email(
        application.contact_email,
        "organisations/email/application_info",
        {"application": application, "message": message, "link": application_link(token)},
        language=application.language,
    )
    return token


@transaction.atomic
def decline_application(application: MembershipApplication, *, acting_user, message: str) -> None:
    if not message.strip():
        raise ServiceError(_("Please explain the decision to the group."))
    application = _lock_open(application)
    application.status = ApplicationStatus.DECLINED
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    _message(application, ApplicationMessage.Kind.DECLINED, message, acting_user)
    queue_email(
        application.contact_email,
        "organisations/email/application_declined",
        {"application": application, "message": message},
        language=application.language,
    )


@transaction.atomic
def answer_information_request(application: MembershipApplication, form, *, reply: str) -> MembershipApplication:
    """The group updates its application and answers; it goes back to the secretariat."""
    if application.status != ApplicationStatus.INFO_REQUESTED:
        raise ServiceError(_("This application cannot be changed any more."))
    application = form.save(commit=False)
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    form.save_m2m()
    _message(application, ApplicationMessage.Kind.APPLICANT, reply, None)
    _notify_secretariat(application)
    return application


def find_application(token: str) -> MembershipApplication | None:
    return MembershipApplication.objects.filter(token_hash=MembershipApplication.hash(token)).first()


# ---------------------------------------------------------------- secretariat overview


def dashboard_figures() -> dict:
    return {
        **_cached(FIGURES_KEY),
        "waiting": MembershipApplication.objects.filter(status=ApplicationStatus.SUBMITTED).count(),
        "info_requested": MembershipApplication.objects.filter(status=ApplicationStatus.INFO_REQUESTED).count(),
    }


def groups_with_counts() -> QuerySet:
    return (
        Organisation.objects.all()
        .select_related("municipality__province")
        .annotate(
            people_count=Count("people", filter=Q(people__left_at__isnull=True)),
            coordinator_count=Count("people", filter=Q(people__left_at__isnull=True, people__role=Role.COORDINATOR)),
        )
        .order_by("name")
    )


def recent_changes(limit: int = 12) -> list[dict]:
    """The newest applications, membership steps and new group members, merged by time."""
    items: list[dict] = []
    for a in MembershipApplication.objects.order_by("-updated_at")[:limit]:
        items.append(
            {
                "at": a.updated_at,
                "kind": "application",
                "text": a.group_name,
                "status": a.get_status_display(),
                "url": reverse("organisations:review", args=[a.pk]),
            }
        )
    for e in MembershipEvent.objects.select_related("organisation").order_by("-recorded_at")[:limit]:
        items.append(
            {
                "at": e.recorded_at,
                "kind": "membership",
                "text": e.organisation.name,
                "status": e.get_status_display(),
                "url": e.organisation.get_absolute_url(),
            }
        )
    for m in OrganisationMember.objects.select_related("organisation", "user").order_by("-joined_at")[:limit]:
        items.append(
            {
                "at": m.joined_at,
                "kind": "person",
                "text": m.organisation.name,
                "status": _("%(name)s joined as %(role)s")
                % {"name": m.user.full_name, "role": m.get_role_display().lower()},
                "url": m.organisation.get_absolute_url(),
            }
        )
    items.sort(key=lambda item: item["at"], reverse=True)
    return items[:limit]
