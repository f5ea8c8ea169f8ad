"""Families (gezinnen): a group's support trajectory (ondersteuningstraject) with one family,
its network map (netwerkkaart), action plan (handelingsplan) and contact log.

The most sensitive data of the platform: every free-text and sensitive field is encrypted at
rest (``core/fields.py``, decision 0013); who sees what is decided by
``Trajectory.objects.visible_to(user)`` and, per part, by the family's consent in the query
that fetches the part (``readable_parts`` and the ``for_reader`` querysets). Decision 0018.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from core.prepared import Prepared
from core.transitions import Transitions
from organisations.models import Organisation
from toolkit.models import LIFE_DOMAINS, ChecklistItem, Deadline

OWN_DOMAIN_PREFIX = "own-"


class TrajectoryStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


STATUS = Transitions(
    TrajectoryStatus,
    {TrajectoryStatus.OPEN: {TrajectoryStatus.CLOSED}, TrajectoryStatus.CLOSED: {TrajectoryStatus.OPEN}},
)


class Part(models.TextChoices):
    """The parts of a family's record the family shares separately."""

    MAP = "map", _("Network map")
    PLAN = "plan", _("Action plan")
    CONTACTS = "contacts", _("Contact notes")


class VolunteerGender(models.TextChoices):
    """The family asks for a volunteer who is a woman or a man (the volunteer's self-declared
    gender, ``volunteers.models.Gender``); empty: no preference."""

    WOMAN = "woman", _("A woman")
    MAN = "man", _("A man")


class TrajectoryQuerySet(models.QuerySet["Trajectory"]):
    def visible_to(self, user: Any) -> TrajectoryQuerySet:
        """Trajectories the user may open: the group's coordinators (unless kept out at the
        family's request) and the volunteers assigned to it, while their group is a member of
        the network; a guest professional while the access stands (decision 0024). Everyone
        else, the secretariat and editors included: nothing."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        from .guest_models import standing_guest

        member_of = user.member_organisation_ids()
        if not member_of:
            return self.filter(standing_guest(user))
        coordinated = user.coordinated_organisation_ids()
        excluded = Trajectory.excluded_coordinators.through.objects.filter(trajectory=OuterRef("pk"), user=user)
        assigned = Assignment.objects.filter(trajectory=OuterRef("pk"), user=user)
        return self.filter(
            Q(organisation_id__in=member_of)
            & ((Q(organisation_id__in=coordinated) & ~Exists(excluded)) | Exists(assigned))
            | standing_guest(user)
        )


class Trajectory(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="family_trajectories", verbose_name=_("group")
    )
    pseudonym = EncryptedCharField(_("pseudonym or first names"), max_length=100)
    contact_language = EncryptedCharField(_("contact language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TrajectoryStatus.choices, default=TrajectoryStatus.OPEN
    )
    bridge_figure = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bridge figure"),
    )
    excluded_coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("coordinators kept out at the family's request"),
    )
    volunteer_gender = models.CharField(
        _("the family asks for a volunteer who is"), max_length=10, choices=VolunteerGender.choices, blank=True
    )
    demo = models.BooleanField(_("fictitious demo family"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support trajectory")
        verbose_name_plural = _("support trajectories")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | Q(status="open", closed_at__isnull=True),
                name="trajectory_closed_at_iff_closed",
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("families:trajectory", args=[self.pk])

    def remember_reader(
        self, user: Any = None, kept_out: bool | None = None, assigned: bool | None = None
    ) -> Trajectory:
        """Remember, on this instance only, what ``is_coordinator`` and the reader's consents
        answer, so that one request asks the database once (``access.get_trajectory_for``
        does this for the views). Nothing outlives the request: the instance is the request's,
        and nothing of it goes to the cache. Services that change consent, exclusion or
        assignments forget it (``forget_reader``). ``kept_out``: whether the family keeps
        ``user`` out as a coordinator, when the query that fetched the family said so."""
        self._reader_memo: dict[tuple, Any] = {}
        if user is not None and kept_out is not None:
            self._reader_memo[("coordinator", user.pk)] = not kept_out
        if user is not None and assigned is not None:
            self._reader_memo[("assigned", user.pk)] = assigned
        return self

    def forget_reader(self) -> None:
        if hasattr(self, "_reader_memo"):
            self._reader_memo = {}

    def _remembered(self, key: tuple, compute: Any) -> Any:
        memo = getattr(self, "_reader_memo", None)
        if memo is None:
            return compute()
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def is_coordinator(self, user: Any) -> bool:
        """The user coordinates this family's group and is not kept out of it."""
        if self.organisation_id not in user.coordinated_organisation_ids():
            return False
        return self._remembered(
            ("coordinator", user.pk), lambda: not self.excluded_coordinators.filter(pk=user.pk).exists()
        )

    def is_assigned(self, user: Any) -> bool:
        """The user is one of the family's assigned volunteers."""
        return self._remembered(("assigned", user.pk), lambda: self.assignments.filter(user=user).exists())

    def consented_domains(self, user: Any) -> dict[str, set[str]]:
        """For a reader who is not the group's coordinator: per part, the domains of the
        family's standing consents ("" = the whole part), in one query."""

        def compute() -> dict[str, set[str]]:
            # The rules of ``ConsentQuerySet.active_for`` (standing, for this reader, who is
            # assigned to the family, and bound by the agreement where the consent says so),
            # written as one join on the reader's assignment instead of two subqueries: the
            # same rows, a third of the cost (issue 11). One ``filter`` call, so one join.
            # Compiled once per connection (``core/prepared.py``): it runs on every page a
            # volunteer reads.
            pairs = _READER_CONSENTS.values(trajectory=self.pk, user=user.pk)
            if not pairs:
                # Not assigned, or no consent: a guest professional reads through the general
                # rule (decision 0024), which knows guests; one more query, for them only.
                pairs = list(Consent.objects.active_for(user, self).values_list("part", "domain").order_by())
            found: dict[str, set[str]] = {}
            for part, domain in pairs:
                found.setdefault(part, set()).add(domain)
            return found

        return self._remembered(("consents", user.pk), compute)

    def readable_parts(self, user: Any) -> set[str]:
        """The parts the user may read: all for the group's coordinators; for an assigned
        volunteer the parts the family consented to (whole, or some domains), in one query."""
        if self.is_coordinator(user):
            return set(Part.values)
        return set(self.consented_domains(user))


class MemberRole(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER = "other", _("Other family member")


class AgeBand(models.TextChoices):
    BABY = "0-2", _("0 to 2 years")
    TODDLER = "3-5", _("3 to 5 years")
    CHILD = "6-11", _("6 to 11 years")
    TEEN = "12-17", _("12 to 17 years")
    ADULT = "18-64", _("18 to 64 years")
    SENIOR = "65+", _("65 or older")


class FamilyMember(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="members")
    first_name = EncryptedCharField(_("first name or nickname"), max_length=100, blank=True)
    role = models.CharField(_("role in the family"), max_length=20, choices=MemberRole.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    languages = EncryptedJSONField(_("languages"), default=list, blank=True)
    reads_dutch = models.BooleanField(_("reads Dutch"), null=True, blank=True)
    residence_status = EncryptedCharField(_("residence status"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")

    def __str__(self) -> str:
        return self.first_name or str(self.get_role_display())


class AssignmentRole(models.TextChoices):
    HELPER = "helper", _("Helper (hulpverlener)")
    CONTACT = "contact", _("Contact person")
    REFERRER = "referrer", _("Referrer")
    LINK = "link", _("Link (tussenschakel)")


DOMAIN_CHOICES = [(k, v) for k, v in LIFE_DOMAINS.items()]


class Assignment(models.Model):
    """A volunteer of the group who supports the family."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_assignments")
    role = models.CharField(_("role"), max_length=20, choices=AssignmentRole.choices)
    life_domain = models.CharField(_("life domain"), max_length=40, choices=DOMAIN_CHOICES, blank=True)
    confidentiality_signed_on = models.DateField(_("confidentiality agreement signed on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "user"], name="one_assignment_per_volunteer")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ConsentHow(models.TextChoices):
    SPOKEN = "spoken", _("Spoken")
    INTERPRETER = "interpreter", _("Spoken, with an interpreter")
    WRITTEN = "written", _("Written")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)

    def active_for(self, user: Any, trajectory: Any) -> ConsentQuerySet:
        """Standing consents for this user on this trajectory, honouring "only to people
        bound by the confidentiality agreement". The receiver is assigned to the family, or a
        guest professional whose access stands (decision 0024; a guest is not bound by the
        group's agreement, so "bound only" consents do not reach them)."""
        bound = Assignment.objects.filter(
            trajectory=OuterRef("trajectory"), user=OuterRef("receiver"), confidentiality_signed_on__isnull=False
        )
        return (
            self.active()
            .filter(trajectory=trajectory, receiver=user)
            .filter(Q(bound_only=False) | Exists(bound))
            .filter(
                Exists(Assignment.objects.filter(trajectory=OuterRef("trajectory"), user=OuterRef("receiver")))
                | Exists(
                    GuestAccess.objects.standing().filter(trajectory=OuterRef("trajectory"), user=OuterRef("receiver"))
                )
            )
        )


class Consent(models.Model):
    """The family's consent to share one part (optionally one domain) with one receiver: a
    person with an account, or an organisation (named, encrypted)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="consents")
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="family_consents",
        verbose_name=_("person"),
    )
    receiver_organisation = EncryptedCharField(_("organisation"), max_length=200, blank=True)
    part = models.CharField(_("part"), max_length=10, choices=Part.choices)
    domain = models.CharField(_("only this life domain"), max_length=40, blank=True)
    bound_only = models.BooleanField(_("only while bound by the confidentiality agreement"), default=False)
    how = models.CharField(_("how it was given"), max_length=20, choices=ConsentHow.choices)
    given_by = EncryptedCharField(_("given by (family member)"), max_length=100)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(receiver__isnull=False) | ~Q(receiver_organisation=""), name="consent_has_receiver"
            )
        ]


def _reader_consents_query(trajectory: int, user: int) -> models.QuerySet:
    """(part, domain) of the reader's standing consents for the family (``consented_domains``)."""
    return (
        Consent.objects.filter(
            Q(bound_only=False) | Q(receiver__family_assignments__confidentiality_signed_on__isnull=False),
            trajectory_id=trajectory,
            receiver_id=user,
            withdrawn_at__isnull=True,
            receiver__family_assignments__trajectory_id=trajectory,
        )
        .values_list("part", "domain")
        .order_by()
    )


_READER_CONSENTS = Prepared(Consent, _reader_consents_query, trajectory=int, user=int)


def part_consented(user: Any, part: str, domain_field: str = "") -> Q:
    """A filter on rows with a ``trajectory`` (and, for ``domain_field``, a domain): the user
    holds a standing consent for ``part`` (whole, or for the row's domain)."""
    consents = Consent.objects.active().filter(trajectory=OuterRef("trajectory"), receiver=user, part=part)
    bound = Assignment.objects.filter(
        trajectory=OuterRef("trajectory"), user=OuterRef("receiver"), confidentiality_signed_on__isnull=False
    )
    consents = consents.filter(Q(bound_only=False) | Exists(bound))
    scope = Q(domain="")
    if domain_field:
        scope |= Q(domain=OuterRef(domain_field))
    return Q(Exists(consents.filter(scope)))


class ReaderQuerySet(models.QuerySet):
    """Rows of one part of a family's record, filtered for a reader in the query."""

    part: str = ""
    domain_field: str = ""

    def for_reader(self, user: Any, trajectory: Trajectory) -> models.QuerySet:
        rows = self.filter(trajectory=trajectory)
        if trajectory.is_coordinator(user):
            return rows
        if getattr(trajectory, "_reader_memo", None) is None:
            return rows.filter(part_consented(user, self.part, self.domain_field))
        # The reader's standing consents were read in this request (``consented_domains``,
        # the same rules as ``part_consented``): the filter stays in the query, as domains.
        domains = trajectory.consented_domains(user).get(self.part, set())
        if "" in domains:
            return rows
        if not domains or not self.domain_field:
            return rows.none()
        return rows.filter(**{f"{self.domain_field}__in": sorted(domains)})


class MapQuerySet(ReaderQuerySet):
    part = Part.MAP
    domain_field = "domain"


class ActorQuerySet(ReaderQuerySet):
    part = Part.MAP
    domain_field = "domain__domain"


class PlanQuerySet(ReaderQuerySet):
    part = Part.PLAN
    domain_field = "domain"


class ContactQuerySet(ReaderQuerySet):
    part = Part.CONTACTS


class DomainEntry(models.Model):
    """One life domain of the network map: what goes well, less well, where help is needed."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("life domain"), max_length=40)
    own_label = EncryptedCharField(_("own domain"), max_length=100, blank=True)
    skipped = models.BooleanField(_("no need in this domain (skipped)"), default=False)
    goes_well = EncryptedTextField(_("what goes well"), max_length=4000, blank=True)
    less_well = EncryptedTextField(_("what goes less well"), max_length=4000, blank=True)
    help_needed = EncryptedTextField(_("where extra help is needed"), max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "domain"], name="one_entry_per_domain")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.own_label or str(LIFE_DOMAINS.get(self.domain, self.domain))


class ActorKind(models.TextChoices):
    FORMAL = "formal", _("Formal (a service or professional)")
    INFORMAL = "informal", _("Informal (family, friends, neighbours)")


class SupportKind(models.TextChoices):
    PRACTICAL = "practical", _("Practical")
    ADVICE = "advice", _("Advice")
    COMPANY = "company", _("Company")
    EMOTIONAL = "emotional", _("Emotional")


class ContactQuality(models.TextChoices):
    GOOD = "good", _("Good")
    DIFFICULT = "difficult", _("Difficult")
    BROKEN = "broken", _("Broken")


class Actor(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="actors")
    domain = models.ForeignKey(DomainEntry, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("kind of actor"), max_length=10, choices=ActorKind.choices)
    name = EncryptedCharField(_("name (optional)"), max_length=150, blank=True)
    support = models.CharField(_("kind of support"), max_length=10, choices=SupportKind.choices)
    quality = models.CharField(_("how the contact goes"), max_length=10, choices=ContactQuality.choices)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name or str(self.get_kind_display())


class MapSnapshot(models.Model):
    """One life domain of the network map as it was after a change: its assessment and its
    actors, encrypted as one JSON value (``families/map_history.py``, decision 0018's
    addendum). Append-only: a change adds a row, nothing is updated. One row per domain,
    so the family's consent for some domains filters history in the query, as it filters
    today's map (``for_reader``)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="map_snapshots")
    domain = models.CharField(_("life domain"), max_length=40)
    payload = EncryptedJSONField(_("the domain as it was"))
    taken_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        ordering = ["taken_at", "pk"]
        verbose_name = _("network map as it was")
        verbose_name_plural = _("network map as it was")


class Goal(models.Model):
    """One goal of the action plan, in the family's words."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("life domain"), max_length=40)
    what = EncryptedTextField(_("what do I want?"), max_length=2000)
    how = EncryptedTextField(_("how do I get there?"), max_length=4000, blank=True)
    by_date = models.DateField(_("by when (date)"), null=True, blank=True)
    by_term = models.CharField(_("by when (typical term)"), max_length=20, choices=Deadline.choices, blank=True)
    supporters = EncryptedTextField(_("who can support me?"), max_length=2000, blank=True)
    # The goal stays in the words it was written in; a volunteer or interpreter may add it in
    # the family's language, shown under it on the family's own page (decision 0022).
    translation = EncryptedTextField(_("the goal in the family's language"), max_length=2000, blank=True)
    checklist_item = models.ForeignKey(
        ChecklistItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reached_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.what


class Step(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = EncryptedCharField(_("step"), max_length=500)
    done_at = models.DateTimeField(null=True, blank=True)
    # A decision of a network meeting becomes a step with an owner and a deadline (0022).
    owner = EncryptedCharField(_("who does it"), max_length=150, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    meeting = models.ForeignKey(
        "families.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="decided_steps"
    )

    class Meta:
        ordering = ["pk"]


class GoalRevision(models.Model):
    """The goal as it was before a change (the plan's history)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="revisions")
    snapshot = EncryptedJSONField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    WINDOW = "window", _("Window visit")


class Contact(models.Model):
    """The light contact log."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices)
    note = EncryptedTextField(_("short note"), max_length=2000, blank=True)
    goals = models.ManyToManyField(Goal, blank=True, related_name="contacts", verbose_name=_("goals touched"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]


class PurgedCount(models.Model):
    """What remains of purged or erased trajectories: anonymous counts per group and year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    trajectories = models.PositiveIntegerField(default=0)
    goals_reached = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_purged_count_per_year")]


from .closing_models import ClosingConversation  # noqa: E402, F401  (closing conversation, decision 0022)
from .guest_models import GuestAccess  # noqa: E402, F401  (guest professionals, decision 0024)
from .link_models import FamilyLink  # noqa: E402, F401  (the family's own view, decision 0022)
from .meeting_models import AgendaItem, Invitee, Meeting  # noqa: E402, F401  (network meetings, decision 0022)
