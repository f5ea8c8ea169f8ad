"""The social map (sociale kaart): services that help people on the move, by need and place.

Shaped after Open Referral HSDS 3: an ``Organization`` offers ``Service`` s, each at a
``Location`` (a municipality, from the places app) and covering an area (municipalities).
A service's public entry is what visitors, the search and the API see; members of the
network add ``PracticeNote`` s ("how it works here") and ``ContactPerson`` s, which only
members see. New entries and changes to published ones go to the editors
(``Service.status``, ``ServiceChange.status``: proposed, then published or declined).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places.models import Municipality
from toolkit.models import LIFE_DOMAINS

# An entry nobody verified for this long is flagged as such.
VERIFY_AFTER = timedelta(days=365)
LINK_DAYS = 30  # an update link for a service is valid this long

# The languages a service may speak (ISO 639-1), the ones asked for most in the network.
LANGUAGES = {
    "nl": _("Dutch"),
    "fr": _("French"),
    "en": _("English"),
    "de": _("German"),
    "ar": _("Arabic"),
    "fa": _("Persian (Farsi, Dari)"),
    "ps": _("Pashto"),
    "ti": _("Tigrinya"),
    "so": _("Somali"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "tr": _("Turkish"),
    "es": _("Spanish"),
    "ku": _("Kurdish"),
}


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an editor")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class Cost(models.TextChoices):
    UNKNOWN = "", _("Not known")
    FREE = "free", _("Free")
    LOW = "low", _("Low cost or income-related")
    PAID = "paid", _("Paid")


class Appointment(models.TextChoices):
    UNKNOWN = "", _("Not known")
    DROP_IN = "drop_in", _("Walk in (no appointment)")
    NEEDED = "needed", _("By appointment")
    BOTH = "both", _("Walk-in times and appointments")


def _codes(values) -> str:
    """Codes stored as "|a|b|" so that one code is found with ``__contains="|a|"`` on both
    databases (JSON containment has no SQLite lookup)."""
    codes = [v for v in dict.fromkeys(values) if v]
    return "|" + "|".join(codes) + "|" if codes else ""


def _split(stored: str) -> list[str]:
    return [c for c in (stored or "").split("|") if c]


class Organization(models.Model):
    """HSDS ``organization``: who offers services (an OCMW, a CAW, a non-profit...)."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    email = models.EmailField(_("public e-mail address"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """HSDS ``location``: where a service is given. The municipality is required; a street
    address only when the service published one. The coordinate is the address's when
    known, else the postcode's, else the municipality's (places app)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name of the place"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="socialmap_locations", verbose_name=_("municipality")
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return ", ".join(filter(None, [self.name, self.address, f"{self.postcode} {self.municipality}".strip()]))


class ServiceQuerySet(models.QuerySet["Service"]):
    def published(self) -> ServiceQuerySet:
        return self.filter(status=EntryStatus.PUBLISHED)

    def visible_to(self, user) -> ServiceQuerySet:
        """Published entries for everyone; editors also see proposed and declined ones, and a
        member the entries they proposed."""
        from .access import edits_socialmap

        if edits_socialmap(user):
            return self.all()
        if user.is_authenticated:
            return self.filter(models.Q(status=EntryStatus.PUBLISHED) | models.Q(proposed_by=user))
        return self.published()

    def domain(self, code: str) -> ServiceQuerySet:
        return self.filter(domains__contains=f"|{code}|")

    def language(self, code: str) -> ServiceQuerySet:
        return self.filter(languages__contains=f"|{code}|")

    def covering(self, municipality_id: int) -> ServiceQuerySet:
        """Services whose area covers the municipality (a service with no area listed covers
        the municipality of its location only)."""
        covered = Service.areas.through.objects.filter(municipality_id=municipality_id).values("service_id")
        return self.filter(
            models.Q(pk__in=covered) | models.Q(has_area=False, location__municipality_id=municipality_id)
        )


class Service(models.Model):
    """HSDS ``service``: what is offered, for which life domains, to whom, on what terms."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="services")
    name = models.CharField(_("name of the service"), max_length=200)
    description = models.TextField(_("what the service does"), max_length=4000)
    domains = models.CharField(_("life domains"), max_length=300, blank=True)  # "|housing|health|"
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)  # "|nl|fr|"
    # Who is welcome
    no_papers_needed = models.BooleanField(_("people without legal residence are welcome"), default=False)
    anonymous_access = models.BooleanField(_("anonymous access possible"), default=False)
    welcome_text = models.CharField(_("who is welcome"), max_length=500, blank=True)
    # Access conditions
    appointment = models.CharField(
        _("appointment"), max_length=10, choices=Appointment.choices, default=Appointment.UNKNOWN, blank=True
    )
    referral_needed = models.BooleanField(_("a referral is needed"), default=False)
    cost = models.CharField(_("cost"), max_length=5, choices=Cost.choices, default=Cost.UNKNOWN, blank=True)
    wheelchair = models.BooleanField(_("wheelchair accessible"), default=False)
    hours = models.CharField(_("opening hours and walk-in times"), max_length=500, blank=True)
    # Public contact
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    notice = models.CharField(_("temporary notice (closed, waiting list...)"), max_length=300, blank=True)
    # Area: municipalities covered; none listed means the location's municipality.
    areas = models.ManyToManyField(Municipality, blank=True, related_name="socialmap_services")
    has_area = models.BooleanField(default=False, editable=False)
    # Copied from the location for the distance order (places.services.order_by_distance).
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # Kept by the network
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note for the author"), max_length=500, blank=True)
    verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    verified_by = models.CharField(_("last verified by"), max_length=150, blank=True)
    # The service's own update link: only its hash is stored.
    link_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only (socialmap.search)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["status", "latitude", "longitude"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EntryStatus.values), name="socialmap_service_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status="proposed", decided_at__isnull=True)
                | (~models.Q(status="proposed") & models.Q(decided_at__isnull=False)),
                name="socialmap_service_decided_iff_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("socialmap:service", args=[self.pk])

    @property
    def domain_codes(self) -> list[str]:
        return _split(self.domains)

    @domain_codes.setter
    def domain_codes(self, values) -> None:
        self.domains = _codes(v for v in values if v in LIFE_DOMAINS)

    @property
    def language_codes(self) -> list[str]:
        return _split(self.languages)

    @language_codes.setter
    def language_codes(self, values) -> None:
        self.languages = _codes(values)

    @property
    def domain_labels(self) -> list[str]:
        return [str(LIFE_DOMAINS[c]) for c in self.domain_codes if c in LIFE_DOMAINS]

    @property
    def language_labels(self) -> list[str]:
        return [str(LANGUAGES.get(c, c)) for c in self.language_codes]

    @property
    def unverified(self) -> bool:
        """Not verified for 12 months (or never): flagged on the pages."""
        return self.verified_at is None or self.verified_at < timezone.now() - VERIFY_AFTER

    def new_link(self) -> str:
        token = secrets.token_urlsafe(32)
        self.link_hash = hash_token(token)
        self.link_expires_at = timezone.now() + timedelta(days=LINK_DAYS)
        return token


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ChangeSource(models.TextChoices):
    MEMBER = "member", _("A member of the network")
    SERVICE = "service", _("The service itself (update link)")


class ServiceChange(models.Model):
    """A proposed change to a published service's public entry: the new values of the fields
    (``PUBLIC_FIELDS``), waiting for an editor."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    data = models.JSONField(default=dict)
    message = models.CharField(_("what changed, and why?"), max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=ChangeSource.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EntryStatus.values), name="socialmap_change_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status="proposed", decided_at__isnull=True)
                | (~models.Q(status="proposed") & models.Q(decided_at__isnull=False)),
                name="socialmap_change_decided_iff_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.message}"


class PracticeNote(models.Model):
    """What a group learned about a service ("ask for the housing counsellor, not the front
    desk"). Members only: never on a public page, in the public search or in the API."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("how it works here"), max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:50]


class ContactPerson(models.Model):
    """A person at the service that members may ask for. Members only."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    VALIDATING = "validating", _("Checking the rows")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """An HSDS package an editor uploaded, imported by the task worker (``socialmap.tasks``):
    queued → validating → saving → done, or failed (``imports.JOB``). The file's bytes are
    kept until the import ends; the report (one line per row) stays."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255)
    data = models.BinaryField(blank=True, default=b"")
    dry_run = models.BooleanField(default=False)
    language = models.CharField(max_length=10, blank=True)  # the editor's: messages in the report
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    saved = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)  # why the whole package failed
    report = models.JSONField(default=list, blank=True)  # [[number, name, error], ...]

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="socialmap_importjob_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(rows_done__lte=models.F("rows_total")), name="socialmap_importjob_done_le_total"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("socialmap:import_job", args=[self.pk])

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.SAVING)

    @property
    def failed_rows(self) -> int:
        return sum(1 for row in self.report if row[2])
