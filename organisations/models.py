"""Member groups (lidgroepen), their membership history, people and the joining workflow."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places.models import Municipality, PostalCode

# The activity types seen in the network's groups. Codes are stable; labels are translated.
ACTIVITY_LABELS = {
    "dutch-conversation": _("Dutch conversation practice"),
    "homework-help": _("Homework help"),
    "housing": _("Housing search and housing buddies"),
    "buddy": _("Buddy and mentor work"),
    "sponsorship": _("Sponsorship (peter/meterschap)"),
    "job-coaching": _("Coaching to work or training"),
    "social-grocery": _("Social grocery"),
    "small-loans": _("Small interest-free loans"),
    "home-visits": _("Home visits"),
    "info-evenings": _("Info evenings"),
    "family-reunification": _("Family reunification help"),
    "leisure": _("Leisure"),
    "sewing": _("Sewing workshop"),
    "shelter": _("Shelter"),
    "fundraising": _("Fundraising"),
    "awareness": _("Awareness raising (sensibilisering)"),
    "family-support": _("Support networks for families"),
    "health": _("Health"),
}

# A short hint under each activity in the volunteer sign-up: what the help is in practice.
ACTIVITY_HINTS = {
    "dutch-conversation": _("Talk Dutch with newcomers, often once a week"),
    "homework-help": _("Help children or adults with schoolwork"),
    "housing": _("Look for a home together, visit landlords, help with the move"),
    "buddy": _("Be a steady contact for one person or family"),
    "sponsorship": _("Stand by someone for a longer time, as godparent"),
    "job-coaching": _("Help with a CV, applications, finding a training"),
    "social-grocery": _("Help in the shop: stock, cash desk, welcome"),
    "small-loans": _("Help run loans for a deposit or a ticket"),
    "home-visits": _("Visit people at home, listen, help with letters"),
    "info-evenings": _("Prepare or host an evening about a topic"),
    "family-reunification": _("Help with the papers and steps to bring family over"),
    "leisure": _("Sport, outings, games, culture together"),
    "sewing": _("Sew and repair together in a workshop"),
    "shelter": _("Help in a shelter or host someone"),
    "fundraising": _("Collect money or goods for small needs"),
    "awareness": _("Tell the story: talks, events, campaigns"),
    "family-support": _("Support a family alongside the professionals"),
    "health": _("Go along to the doctor, explain how care works"),
}

AUDIENCE_CHOICES = [
    ("asylum-seekers", _("Asylum seekers")),
    ("recognised-refugees", _("Recognised refugees and subsidiary protection")),
    ("without-residence", _("People without legal residence")),
    ("unaccompanied-minors", _("Unaccompanied minors (NBMV)")),
    ("newcomers", _("Newcomers")),
    ("families", _("Families with children")),
]


class LegalForm(models.TextChoices):
    VZW = "vzw", _("Non-profit association (vzw)")
    FEITELIJKE_VERENIGING = "fv", _("Informal association (feitelijke vereniging)")
    OTHER = "other", _("Other")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    MEMBER = "member", _("Member")
    FORMER = "former", _("Former member")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    VOLUNTEER = "volunteer", _("Volunteer")


class Activity(models.Model):
    code = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    @property
    def label(self) -> str:
        return str(ACTIVITY_LABELS.get(self.code, self.code))

    def __str__(self) -> str:
        return self.label


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def members(self) -> OrganisationQuerySet:
        return self.filter(status=MembershipStatus.MEMBER)

    def visible_to(self, user) -> OrganisationQuerySet:
        """Groups a user may see: members for everyone; former members for the secretariat
        and the group's own people."""
        if user.is_authenticated and user.is_secretariat:
            return self.all()
        if user.is_authenticated:
            return self.filter(models.Q(status=MembershipStatus.MEMBER) | models.Q(pk__in=user.organisation_ids()))
        return self.members()


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=8, choices=LegalForm.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("municipality")
    )
    postal_code = models.ForeignKey(
        PostalCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("postcode")
    )
    area_served = models.ManyToManyField(Municipality, blank=True, related_name="+", verbose_name=_("area served"))
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="organisations", verbose_name=_("activities")
    )
    audiences = models.JSONField(_("people served"), default=list, blank=True)
    description = models.TextField(_("what we do"), max_length=4000, blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.MEMBER, db_index=True
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    # Denormalised from the postcode (or municipality) so distance ordering is one indexed scan.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("member group")
        verbose_name_plural = _("member groups")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=MembershipStatus.values), name="organisation_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"]),  # nearest-first box search
            models.Index(fields=["status", "name"]),  # the directory in name order
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.slug])

    def audience_labels(self) -> list[str]:
        labels = dict(AUDIENCE_CHOICES)
        return [str(labels[a]) for a in self.audiences if a in labels]


class MembershipEvent(models.Model):
    """One step in a group's membership history: applied, member, former member."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="membership_events")
    status = models.CharField(max_length=10, choices=MembershipStatus.choices)
    date = models.DateField(default=timezone.localdate)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["date", "recorded_at"]


class OrganisationMember(models.Model):
    """A person's role in a group. One person may belong to several groups."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.VOLUNTEER)
    joined_at = models.DateTimeField(default=timezone.now, db_index=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_role_per_group"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="member_role_known"),
            models.CheckConstraint(
                condition=models.Q(left_at__isnull=True) | models.Q(left_at__gte=models.F("joined_at")),
                name="member_left_after_joining",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "left_at", "user"])]  # active people per group


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenMixin(models.Model):
    """A secret link: only the hash is stored, the token travels in one e-mail."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        abstract = True

    def new_token(self) -> str:
        token = secrets.token_urlsafe(32)
        self.token_hash = _token_hash(token)
        return token

    @classmethod
    def hash(cls, token: str) -> str:
        return _token_hash(token)


class Invitation(TokenMixin):
    """An e-mailed invitation to join a group as coordinator or volunteer."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.VOLUNTEER)
    language = models.CharField(max_length=5, default="nl")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # A new invitation replaces the open one for the same address (services.invite_person).
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_address",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class DocumentKind(models.TextChoices):
    STATUTES = "statutes", _("Statutes (statuten)")
    INTERNAL_RULES = "rules", _("Internal rules (huishoudelijk reglement)")


class NetworkDocument(models.Model):
    """Statutes and internal rules that applicants accept; the newest of each kind is current."""

    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="documents/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    INFO_REQUESTED = "info", _("More information asked")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class MembershipApplication(TokenMixin):
    """The membership form (aansluitingsformulier) of a group that wants to join."""

    group_name = models.CharField(_("name of the group"), max_length=150)
    legal_form = models.CharField(_("legal form"), max_length=8, choices=LegalForm.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    postal_code = models.ForeignKey(PostalCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    area_served = models.ManyToManyField(Municipality, blank=True, related_name="+")
    activities = models.ManyToManyField(Activity, blank=True, related_name="+")
    audiences = models.JSONField(default=list, blank=True)
    description = models.TextField(_("what the group does"), max_length=4000)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact person's e-mail address"))
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    language = models.CharField(max_length=5, default="nl")
    motivation = models.TextField(_("why the group wants to join"), max_length=4000)
    accepted_documents = models.ManyToManyField(NetworkDocument, blank=True, related_name="+")
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED, db_index=True
    )
    submission_key = models.UUIDField(unique=True)  # one form, one application, however often it is sent
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    organisation = models.OneToOneField(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values), name="application_status_known"
            ),
            # Decided (approved or declined) exactly when it has a decision date.
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=["approved", "declined"], decided_at__isnull=False)
                    | (~models.Q(status__in=["approved", "declined"]) & models.Q(decided_at__isnull=True))
                ),
                name="application_decided_iff_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.group_name

    @property
    def is_open(self) -> bool:
        return self.status in {ApplicationStatus.SUBMITTED, ApplicationStatus.INFO_REQUESTED}


class ApplicationMessage(models.Model):
    """A message in the review of an application, e-mailed to the contact person."""

    class Kind(models.TextChoices):
        APPROVED = "approved", _("Approved")
        INFO_REQUESTED = "info", _("More information asked")
        DECLINED = "declined", _("Declined")
        APPLICANT = "applicant", _("Answer from the group")

    application = models.ForeignKey(MembershipApplication, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(max_length=4000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
