"""Signals to policy (signaalfunctie, DOMAIN.md §5): structural problems a group sees in the
field, confirmed by its coordinator, co-signed by other groups, bundled by the secretariat
into dossiers, sent to addressees who answer, and fed back to everyone who raised them.

Signals are private by default: a draft stays in its group; a confirmed signal is read by
the network's members (its count as "<5" when small); nothing is public unless the
secretariat publishes a dossier, and then only its aggregates and policy note.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import EncryptedTextField
from organisations.models import TokenMixin
from toolkit.models import LIFE_DOMAINS

MAX_COUNT = 100_000


def month_of(moment) -> date:
    """The first day of the (local) month of ``moment``."""
    return timezone.localtime(moment).date().replace(day=1)


TEXT_MAX = 4000


class Theme(models.Model):
    """A theme the secretariat keeps (housing shortage, residence permit withdrawn at 18...)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class SignalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, to be confirmed by the coordinator")
    CONFIRMED = "confirmed", _("Confirmed by the group")
    IN_DOSSIER = "in_dossier", _("In a dossier")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SourceKind(models.TextChoices):
    BY_HAND = "by_hand", _("Noticed in our work")
    ACTION_PLAN = "action_plan", _("A step of a family's action plan")
    REFERRAL = "referral", _("A refused referral")
    QUESTION = "question", _("A question in “ask the network”")
    EVENT = "event", _("An event")


class CountUnit(models.TextChoices):
    PEOPLE = "people", _("people")
    FAMILIES = "families", _("families")


class ConsentHow(models.TextChoices):
    SPOKEN = "spoken", _("Said so in a conversation")
    INTERPRETER = "interpreter", _("Said so through an interpreter")
    WRITTEN = "written", _("In writing (a message or a signed form)")


class SignalQuerySet(models.QuerySet["Signal"]):
    def visible_to(self, user) -> SignalQuerySet:
        """A group's people see every signal of their group; once confirmed, a signal is read by
        every member of the network (to co-sign it) and by the secretariat. Nobody else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        shared = ~Q(status__in=[SignalStatus.DRAFT, SignalStatus.WITHDRAWN])
        if user.is_secretariat:
            return self.filter(shared | Q(organisation_id__in=user.member_organisation_ids()))
        groups = user.member_organisation_ids()
        if not groups:
            return self.none()
        return self.filter(shared | Q(organisation_id__in=groups))


class Signal(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="signals", verbose_name=_("group")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="signals", verbose_name=_("theme"))
    life_domain = models.CharField(
        _("life domain"), max_length=40, choices=[(k, v) for k, v in LIFE_DOMAINS.items()], db_index=True
    )
    region = models.ForeignKey("places.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    description = EncryptedTextField(_("the problem, in your own words"))
    example = EncryptedTextField(_("an anonymised example"), blank=True)
    count = models.PositiveIntegerField(_("how many"))
    count_unit = models.CharField(_("of"), max_length=10, choices=CountUnit.choices, default=CountUnit.PEOPLE)
    source_kind = models.CharField(
        _("where it came from"), max_length=20, choices=SourceKind.choices, default=SourceKind.BY_HAND
    )
    # A free reference for sources that have no model on this platform yet (an action plan's
    # step, a refused referral); the Toolkit question when it came from "ask the network".
    source_reference = models.CharField(_("reference"), max_length=200, blank=True)
    question = models.ForeignKey(
        "toolkit.Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    status = models.CharField(max_length=20, choices=SignalStatus.choices, default=SignalStatus.DRAFT)
    dossier = models.ForeignKey(
        "Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="signals", verbose_name=_("dossier")
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The first day of the month it was filed (local time): the overview groups by this column,
    # so counting a year of signals needs no date function per row.
    filed_month = models.DateField(editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The last time its reporters heard something (confirmation, a dossier, an answer).
    feedback_at = models.DateTimeField(null=True, blank=True)
    # Consent to publish the anonymised example (none by default): the person concerned agreed,
    # as its group records (how and on which day); withdrawing empties these at once.
    example_consent_on = models.DateField(_("agreed on"), null=True, blank=True)
    example_consent_how = models.CharField(_("how they agreed"), max_length=20, choices=ConsentHow.choices, blank=True)
    example_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The secretariat chose this example for its dossier's public page (shown only while the
    # consent holds: the public page checks both in its query).
    example_public = models.BooleanField(default=False)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["status", "theme"]),
            models.Index(fields=["dossier", "status"]),
            models.Index(fields=["filed_month", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1) & Q(count__lte=MAX_COUNT), name="signal_count_in_range"),
            models.CheckConstraint(
                condition=Q(dossier__isnull=True) | Q(status=SignalStatus.IN_DOSSIER),
                name="signal_dossier_iff_in_dossier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("signals:signal", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        if self.filed_month is None:
            self.filed_month = month_of(self.created_at)
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == SignalStatus.DRAFT

    @property
    def example_may_be_published(self) -> bool:
        return bool(self.example and self.example_consent_on)


def publishable_examples(dossier) -> models.QuerySet[Signal]:
    """The examples a dossier's public page shows: chosen by the secretariat AND with the
    consent still recorded, checked here in the query (a withdrawal hides it at once)."""
    return (
        Signal.objects.filter(dossier=dossier, example_public=True, example_consent_on__isnull=False)
        .exclude(example="")
        .order_by("pk")
    )


class CoSign(models.Model):
    """Another group says "wij zien dit ook", with its own count."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="cosigns")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(_("how many"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["signal", "organisation"], name="cosign_once_per_group"),
            models.CheckConstraint(condition=Q(count__gte=1) & Q(count__lte=MAX_COUNT), name="cosign_count_in_range"),
        ]


class DossierStatus(models.TextChoices):
    OPEN = "open", _("Being prepared")
    SENT = "sent", pgettext_lazy("status", "Sent")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another dossier")


class Dossier(models.Model):
    title = models.CharField(_("title"), max_length=200)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("theme"))
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
    ask = models.TextField(_("what we ask"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(max_length=10, choices=DossierStatus.choices, default=DossierStatus.OPEN)
    published_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    split_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("signals:dossier", args=[self.pk])


class AddresseeKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    OCMW = "ocmw", _("OCMW (public social welfare centre)")
    FLEMISH_AGENCY = "flemish_agency", _("Flemish agency")
    MINISTER = "minister", _("Minister's office")
    FEDERAL = "federal", _("Federal body")
    NGO_POLICY = "ngo_policy", _("Policy staff of the umbrella NGO")
    MEDIA = "media", _("Media working group")


class AddresseeStatus(models.TextChoices):
    NEW = "new", _("Not sent yet")
    SENT = "sent", pgettext_lazy("status", "Sent")
    READ = "read", _("Read")
    ANSWERED = "answered", _("Answered")
    FOLLOW_UP = "follow_up", _("Follow-up asked")
    CLOSED = "closed", _("Closed")


class AddresseeChannel(models.TextChoices):
    LINK = "link", _("A link by e-mail (no account)")
    ACCOUNT = "account", _("An account with two-step verification")


class Addressee(TokenMixin):
    """Who a dossier goes to. Reads and answers through an expiring link that answers once
    (only its hash is stored), or through a policy-recipient account (``recipient``, set once
    the invitation to that address is accepted; one account answers for every dossier sent to
    its address)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="addressees")
    kind = models.CharField(_("kind"), max_length=20, choices=AddresseeKind.choices)
    channel = models.CharField(
        _("how it reads and answers"), max_length=10, choices=AddresseeChannel.choices, default=AddresseeChannel.LINK
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="addressed_dossiers"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    status = models.CharField(max_length=10, choices=AddresseeStatus.choices, default=AddresseeStatus.NEW)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        constraints = [
            models.UniqueConstraint("dossier", Lower("email"), name="addressee_once_per_dossier"),
            models.CheckConstraint(
                condition=Q(recipient__isnull=True) | Q(channel=AddresseeChannel.ACCOUNT),
                name="addressee_recipient_only_for_account",
            ),
        ]

    @property
    def by_account(self) -> bool:
        return self.channel == AddresseeChannel.ACCOUNT


class RecipientInvitation(TokenMixin):
    """An invitation to make a policy-recipient account for an address the secretariat chose
    "an account" for: a one-time link (only its hash is stored) to set a password; the second
    factor follows at the first log-in. Accepting it attaches every dossier sent to the address."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(max_length=5, default="nl")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=Q(used_at__isnull=True), name="recipient_invitation_one_open_per_address"
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class SignalFigure(models.Model):
    """The overview's summary: shared (confirmed or in a dossier) signals per theme, region and
    month of filing, with their people or families (the signals' own counts plus the
    co-signs'). Kept up to date in the same transaction by the services that change what is
    shared (``signals/summary.py``, the one place); ``manage.py signals_rebuild_figures``
    recomputes it from the signals."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey("places.Region", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    signals = models.IntegerField(default=0)
    people = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "region", "month"], name="signalfigure_one_per_cell"),
        ]
        indexes = [models.Index(fields=["month", "theme"])]

    def __str__(self) -> str:
        return f"{self.theme_id}/{self.region_id}/{self.month:%Y-%m}: {self.signals}"
