"""The writes of the signals app: atomic, audited, status moves along ``transitions.py``,
e-mails (links only) after commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import User
from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url
from core.models import AuditEvent

from . import figures, summary
from .models import (
    Addressee,
    AddresseeChannel,
    AddresseeStatus,
    CoSign,
    Dossier,
    DossierStatus,
    RecipientInvitation,
    Signal,
    SignalStatus,
    Theme,
)
from .transitions import ADDRESSEE, DOSSIER, SIGNAL

LINK_DAYS = 60  # an addressee's link answers for this long
FEEDBACK_DAYS = 90  # a signal without feedback for this long is flagged to the secretariat
REMINDER_WEEKS = 4
INVITATION_DAYS = 14  # a policy recipient's invitation to make its account
GONE = gettext_lazy("This invitation has expired or has already been used. Ask the secretariat for a new one.")


# ---------------------------------------------------------------- themes


@transaction.atomic
def save_theme(theme: Theme, *, acting_user) -> Theme:
    created = theme.pk is None
    theme.full_clean()
    theme.save()
    audit.record("theme.created" if created else "theme.changed", actor=acting_user, obj=theme)
    transaction.on_commit(figures.themes_changed)
    return theme


# ---------------------------------------------------------------- signals


@transaction.atomic
def file_signal(signal: Signal, *, acting_user, personal_data_kinds: Iterable[str] = ()) -> Signal:
    """Save a new signal as a draft of its group. ``personal_data_kinds``: what the writer was
    shown and accepted (kinds only, for the audit log)."""
    if signal.organisation_id not in acting_user.member_organisation_ids():
        raise ServiceError(_("You can only file a signal for a group you belong to."))
    if signal.municipality is not None:
        signal.region_id = signal.municipality.region_id
    signal.reporter = acting_user
    signal.status = SignalStatus.DRAFT
    signal.save()
    audit.record(
        "signal.created",
        actor=acting_user,
        obj=signal,
        theme=signal.theme_id,
        source=signal.source_kind,
        personal_data_accepted=sorted(set(personal_data_kinds)),
    )
    return signal


@transaction.atomic
def confirm_signal(signal: Signal, *, description: str, example: str, acting_user) -> Signal:
    """The group's coordinator confirms the wording (possibly changed): the signal leaves the group."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.organisation_id not in acting_user.coordinated_organisation_ids():
        raise ServiceError(_("Only a coordinator of the group confirms its signals."))
    if not signal.is_draft:  # "in a dossier → confirmed" is taking it out, not confirming
        raise ServiceError(_("This signal has already been confirmed or withdrawn."))
    SIGNAL.check(signal.status, SignalStatus.CONFIRMED)
    reworded = signal.description != description or signal.example != example
    signal.description, signal.example = description, example
    summary.status_changed(signal, signal.status, SignalStatus.CONFIRMED)
    signal.status = SignalStatus.CONFIRMED
    signal.confirmed_at = signal.feedback_at = timezone.now()
    signal.confirmed_by = acting_user
    signal.save(update_fields=["description", "example", "status", "confirmed_at", "confirmed_by", "feedback_at"])
    audit.record("signal.confirmed", actor=acting_user, obj=signal, reworded=reworded)
    transaction.on_commit(figures.changed)
    _notify([signal], "confirmed")
    return signal


@transaction.atomic
def withdraw_signal(signal: Signal, *, acting_user) -> Signal:
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.organisation_id not in acting_user.coordinated_organisation_ids():
        raise ServiceError(_("Only a coordinator of the group withdraws its signals."))
    SIGNAL.check(signal.status, SignalStatus.WITHDRAWN)
    summary.status_changed(signal, signal.status, SignalStatus.WITHDRAWN)
    signal.status = SignalStatus.WITHDRAWN
    signal.save(update_fields=["status"])
    audit.record("signal.withdrawn", actor=acting_user, obj=signal)
    transaction.on_commit(figures.changed)
    return signal


@transaction.atomic
def cosign(signal: Signal, *, organisation, count: int, acting_user) -> CoSign:
    """Another group says "we see this too", with its own count."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)  # not withdrawn meanwhile
    if organisation.pk == signal.organisation_id:
        raise ServiceError(_("Your group filed this signal: another group can co-sign it, yours cannot."))
    if organisation.pk not in acting_user.member_organisation_ids():
        raise ServiceError(_("You can only co-sign for a group you belong to."))
    if signal.status not in (SignalStatus.CONFIRMED, SignalStatus.IN_DOSSIER):
        raise ServiceError(_("Only a confirmed signal can be co-signed."))
    if CoSign.objects.filter(signal=signal, organisation=organisation).exists():
        raise ServiceError(_("Your group has already co-signed this signal."))
    signed = CoSign.objects.create(signal=signal, organisation=organisation, count=count, signed_by=acting_user)
    summary.cosigned(signal, count)
    transaction.on_commit(figures.changed)
    audit.record("signal.cosigned", actor=acting_user, obj=signal, group=organisation.pk, count=count)
    return signed


# ---------------------------------------------------------------- consent to publish an example


@transaction.atomic
def record_example_consent(signal: Signal, *, on, how: str, acting_user) -> Signal:
    """Someone of the signal's group records that the person concerned agreed that the
    anonymised example may be published (how, on which day)."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.organisation_id not in acting_user.member_organisation_ids():
        raise ServiceError(_("Only the signal's own group records the consent of the person concerned."))
    if not signal.example:
        raise ServiceError(_("This signal has no example to publish."))
    if on > timezone.localdate():
        raise ServiceError(_("The day of the consent cannot be in the future."))
    signal.example_consent_on, signal.example_consent_how, signal.example_consent_by = on, how, acting_user
    signal.save(update_fields=["example_consent_on", "example_consent_how", "example_consent_by"])
    audit.record("signal.example_consent_recorded", actor=acting_user, obj=signal, how=how, on=on.isoformat())
    return signal


@transaction.atomic
def withdraw_example_consent(signal: Signal, *, acting_user) -> Signal:
    """The person concerned no longer agrees: the example leaves the public page at once (the
    page checks the consent in its query) and is no longer chosen."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.organisation_id not in acting_user.member_organisation_ids():
        raise ServiceError(_("Only the signal's own group records the consent of the person concerned."))
    signal.example_consent_on, signal.example_consent_how, signal.example_consent_by = None, "", None
    signal.example_public = False
    signal.save(update_fields=["example_consent_on", "example_consent_how", "example_consent_by", "example_public"])
    audit.record("signal.example_consent_withdrawn", actor=acting_user, obj=signal)
    return signal


@transaction.atomic
def choose_public_examples(dossier: Dossier, signals: Iterable[Signal], *, acting_user) -> int:
    """The examples the dossier's public page shows: among its signals with consent only, each
    checked again for personal data (core/pii.py) with the names of its group's people."""
    from core.pii import find_personal_data

    from .forms import group_names

    _editable(dossier)
    chosen = list(Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals], dossier=dossier))
    problems = []
    for signal in chosen:
        if not signal.example_may_be_published:
            raise ServiceError(_("Only examples whose person concerned agreed can be published."))
        findings = find_personal_data(signal.example, names=group_names([signal.organisation_id]))
        if findings:
            kinds = ", ".join(sorted({f.label for f in findings}))
            problems.append(f"#{signal.pk} ({kinds})")
    if problems:
        raise ServiceError(
            _("These examples may hold personal data; ask their group to reword them: %(list)s")
            % {"list": "; ".join(problems)}
        )
    Signal.objects.filter(dossier=dossier).exclude(pk__in=[s.pk for s in chosen]).update(example_public=False)
    Signal.objects.filter(pk__in=[s.pk for s in chosen]).update(example_public=True)
    audit.record("dossier.examples_chosen", actor=acting_user, obj=dossier, signals=len(chosen))
    return len(chosen)


# ---------------------------------------------------------------- dossiers


@transaction.atomic
def save_dossier(dossier: Dossier, *, acting_user, changed: Iterable[str] = ()) -> Dossier:
    if dossier.pk is None:
        dossier.created_by = acting_user
        dossier.save()
        audit.record("dossier.created", actor=acting_user, obj=dossier, theme=dossier.theme_id)
    else:
        fields = [f for f in changed if f in {"title", "summary", "ask", "theme"}]
        if fields:
            dossier.save(update_fields=fields)
            audit.record("dossier.changed", actor=acting_user, obj=dossier, fields=sorted(fields))
    return dossier


def _editable(dossier: Dossier) -> None:
    if dossier.status == DossierStatus.MERGED:
        raise ServiceError(_("This dossier was merged into another one and can no longer change."))


@transaction.atomic
def add_signals(dossier: Dossier, signals: Iterable[Signal], *, acting_user) -> int:
    _editable(dossier)
    added = 0
    for signal in Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals]):
        SIGNAL.check(signal.status, SignalStatus.IN_DOSSIER)
        summary.status_changed(signal, signal.status, SignalStatus.IN_DOSSIER)  # both shared: no change
        signal.status, signal.dossier, signal.feedback_at = SignalStatus.IN_DOSSIER, dossier, timezone.now()
        signal.save(update_fields=["status", "dossier", "feedback_at"])
        audit.record("signal.added_to_dossier", actor=acting_user, obj=signal, dossier=dossier.pk)
        added += 1
    if added:
        _notify(list(dossier.signals.all()), "dossier")
    return added


@transaction.atomic
def remove_signals(dossier: Dossier, signals: Iterable[Signal], *, acting_user) -> int:
    _editable(dossier)
    removed = 0
    for signal in Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals], dossier=dossier):
        SIGNAL.check(signal.status, SignalStatus.CONFIRMED)
        summary.status_changed(signal, signal.status, SignalStatus.CONFIRMED)  # both shared: no change
        signal.status, signal.dossier, signal.example_public = SignalStatus.CONFIRMED, None, False
        signal.save(update_fields=["status", "dossier", "example_public"])
        audit.record("signal.removed_from_dossier", actor=acting_user, obj=signal, dossier=dossier.pk)
        removed += 1
    return removed


def _move(signals: QuerySet[Signal], source: Dossier, target: Dossier, acting_user) -> int:
    moved = 0
    for signal in signals.select_for_update():
        signal.dossier = target
        signal.example_public = False  # the target's public page shows what is chosen for it
        signal.save(update_fields=["dossier", "example_public"])
        audit.record("signal.removed_from_dossier", actor=acting_user, obj=signal, dossier=source.pk)
        audit.record("signal.added_to_dossier", actor=acting_user, obj=signal, dossier=target.pk)
        moved += 1
    return moved


@transaction.atomic
def split_dossier(dossier: Dossier, signals: Iterable[Signal], *, title: str, acting_user) -> Dossier:
    """Move some signals into a new dossier that remembers where it came from."""
    _editable(dossier)
    ids = [s.pk for s in signals]
    chosen = Signal.objects.filter(pk__in=ids, dossier=dossier)
    if not ids or chosen.count() != len(ids):
        raise ServiceError(_("Choose one or more of this dossier's signals to split off."))
    if chosen.count() == dossier.signals.count():
        raise ServiceError(_("Leave at least one signal in this dossier; to rename it, edit it."))
    new = Dossier.objects.create(
        title=title, theme=dossier.theme, ask=dossier.ask, split_from=dossier, created_by=acting_user
    )
    audit.record("dossier.created", actor=acting_user, obj=new, theme=new.theme_id, split_from=dossier.pk)
    moved = _move(chosen, dossier, new, acting_user)
    audit.record("dossier.split", actor=acting_user, obj=dossier, new=new.pk, signals=moved)
    return new


@transaction.atomic
def merge_dossier(source: Dossier, target: Dossier, *, acting_user) -> Dossier:
    """Move every signal of ``source`` into ``target``; ``source`` stays, marked merged."""
    if source.pk == target.pk:
        raise ServiceError(_("Choose another dossier to merge into."))
    _editable(source)
    _editable(target)
    DOSSIER.check(source.status, DossierStatus.MERGED)
    moved = _move(source.signals.all(), source, target, acting_user)
    source.status, source.merged_into = DossierStatus.MERGED, target
    source.save(update_fields=["status", "merged_into"])
    audit.record("dossier.merged", actor=acting_user, obj=source, into=target.pk, signals=moved)
    audit.record("dossier.merged", actor=acting_user, obj=target, source=source.pk, signals=moved)
    return target


@transaction.atomic
def set_published(dossier: Dossier, published: bool, *, acting_user) -> Dossier:
    _editable(dossier)
    if published and not dossier.signals.exists():
        raise ServiceError(_("A dossier without signals cannot be published."))
    dossier.published_at = timezone.now() if published else None
    dossier.save(update_fields=["published_at"])
    audit.record("dossier.published" if published else "dossier.unpublished", actor=acting_user, obj=dossier)
    if published:
        _notify(list(dossier.signals.all()), "published")
    return dossier


@transaction.atomic
def close_dossier(dossier: Dossier, *, acting_user) -> Dossier:
    DOSSIER.check(dossier.status, DossierStatus.CLOSED)
    dossier.status = DossierStatus.CLOSED
    dossier.save(update_fields=["status"])
    audit.record("dossier.closed", actor=acting_user, obj=dossier)
    _notify(list(dossier.signals.all()), "closed")
    return dossier


# ---------------------------------------------------------------- routing and answers


@transaction.atomic
def add_addressee(
    dossier: Dossier, *, kind: str, name: str, email: str, acting_user, channel: str = AddresseeChannel.LINK
) -> Addressee:
    """Add an addressee. ``channel`` "account": the address's policy-recipient account reads
    and answers; an address without one gets an invitation to make it (an address of an
    account that is no policy recipient is refused)."""
    _editable(dossier)
    if dossier.status == DossierStatus.CLOSED:
        raise ServiceError(_("This dossier is closed."))
    email = email.strip().lower()
    if Addressee.objects.filter(dossier=dossier, email__iexact=email).exists():
        raise ServiceError(_("This address is already an addressee of this dossier."))
    addressee = Addressee(dossier=dossier, kind=kind, name=name, email=email, channel=channel)
    if channel == AddresseeChannel.ACCOUNT:
        account = User.objects.filter(email__iexact=email).first()
        if account is not None and not account.is_policy_recipient:
            raise ServiceError(
                _(
                    "This address belongs to an account of the network that is not a policy recipient's. "
                    "Choose a link, or another address."
                )
            )
        addressee.recipient = account
    addressee.new_token()  # unused until the dossier is sent (and never for an account)
    addressee.save()
    audit.record("addressee.added", actor=acting_user, obj=addressee, dossier=dossier.pk, kind=kind, channel=channel)
    if channel == AddresseeChannel.ACCOUNT and addressee.recipient is None:
        invite_recipient(email, name=name, acting_user=acting_user)
    return addressee


def invite_recipient(email: str, *, name: str, acting_user) -> RecipientInvitation:
    """(Re)issue the one-time invitation to make a policy-recipient account for ``email``: a
    fresh link; an earlier, unused one stops working."""
    invitation = (
        RecipientInvitation.objects.select_for_update().filter(email__iexact=email, used_at__isnull=True).first()
    )
    if invitation is None:
        invitation = RecipientInvitation(email=email, name=name, invited_by=acting_user)
    token = invitation.new_token()
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    invitation.save()
    audit.record("recipient.invited", actor=acting_user, obj=invitation)
    queue_email(
        email,
        "signals/email/recipient_invitation",
        {"link": absolute_url("signals:recipient_accept", token), "expires": invitation.expires_at},
    )
    return invitation


@transaction.atomic
def accept_recipient_invitation(invitation: RecipientInvitation, *, full_name: str, password: str) -> User:
    """Make the policy-recipient account of an open invitation, and attach to it every dossier
    sent (or to be sent) to its address by account."""
    invitation = RecipientInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ServiceError(GONE)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ServiceError(_("An account with this address exists already: log in with it."))
    user = User.objects.create_user(
        invitation.email, password, full_name=full_name, is_policy_recipient=True, preferred_language=get_language()[:2]
    )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    attached = Addressee.objects.filter(
        channel=AddresseeChannel.ACCOUNT, recipient__isnull=True, email__iexact=invitation.email
    ).update(recipient=user)
    audit.record("recipient.joined", actor=user, obj=invitation, dossiers=attached)
    return user


def _send_link(addressee: Addressee, template: str) -> None:
    if addressee.by_account:
        # No link that answers: the account reads the dossier after logging in (two steps).
        queue_email(
            addressee.email,
            f"{template}_account",
            {"dossier": addressee.dossier, "link": absolute_url("signals:recipient_dossier", addressee.dossier_id)},
        )
        return
    token = addressee.new_token()
    addressee.link_expires_at = timezone.now() + timedelta(days=LINK_DAYS)
    link = absolute_url("signals:answer", token)
    queue_email(
        addressee.email, template, {"dossier": addressee.dossier, "link": link, "expires": addressee.link_expires_at}
    )


def _addressee_moves(addressee: Addressee, status: str, *, acting_user=None, actor_role: str = "") -> None:
    if acting_user is not None and addressee.recipient_id == acting_user.pk:
        actor_role = ""  # the recipient's own account: the audit row says "addressee of the dossier"
    old = addressee.status
    ADDRESSEE.check(old, status)
    addressee.status = status
    audit.record(
        "addressee.status_changed",
        actor=acting_user,
        actor_role=actor_role,
        obj=addressee,
        dossier=addressee.dossier_id,
        old=old,
        new=status,
    )


@transaction.atomic
def send_dossier(dossier: Dossier, *, acting_user) -> int:
    """Send the dossier to every addressee not sent yet: each gets its own link."""
    _editable(dossier)
    if not dossier.signals.exists():
        raise ServiceError(_("Add at least one signal before sending the dossier."))
    waiting = list(dossier.addressees.select_for_update().filter(status=AddresseeStatus.NEW))
    if not waiting:
        raise ServiceError(_("Add an addressee before sending the dossier."))
    now = timezone.now()
    for addressee in waiting:
        addressee.dossier = dossier
        _addressee_moves(addressee, AddresseeStatus.SENT, acting_user=acting_user)
        addressee.sent_at = now
        _send_link(addressee, "signals/email/dossier_sent")
        addressee.save(update_fields=["status", "sent_at", "token_hash", "link_expires_at"])
    if dossier.status != DossierStatus.SENT:
        DOSSIER.check(dossier.status, DossierStatus.SENT)
        dossier.status = DossierStatus.SENT
        dossier.save(update_fields=["status"])
    audit.record("dossier.sent", actor=acting_user, obj=dossier, addressees=len(waiting))
    _notify(list(dossier.signals.all()), "sent")
    return len(waiting)


@transaction.atomic
def mark_read(addressee: Addressee, *, acting_user=None) -> Addressee:
    """The addressee confirms, through its link or its account (``acting_user``), that it has
    read the dossier."""
    addressee = Addressee.objects.select_for_update().select_related("dossier").get(pk=addressee.pk)
    if addressee.status in (AddresseeStatus.SENT, AddresseeStatus.FOLLOW_UP):
        _addressee_moves(addressee, AddresseeStatus.READ, acting_user=acting_user, actor_role=audit.PERSON)
        addressee.save(update_fields=["status"])
    return addressee


@transaction.atomic
def answer(addressee: Addressee, text: str, *, acting_user=None) -> Addressee:
    """The addressee answers through its link (once: the link then only reads) or its account
    (``acting_user``; again after a follow-up is asked)."""
    addressee = Addressee.objects.select_for_update().select_related("dossier").get(pk=addressee.pk)
    if addressee.status in (AddresseeStatus.SENT, AddresseeStatus.FOLLOW_UP):
        _addressee_moves(addressee, AddresseeStatus.READ, acting_user=acting_user, actor_role=audit.PERSON)
    _addressee_moves(addressee, AddresseeStatus.ANSWERED, acting_user=acting_user, actor_role=audit.PERSON)
    previous = addressee.answer
    addressee.answer = f"{previous}\n\n{text}".strip() if previous else text
    addressee.answered_at = timezone.now()
    addressee.save(update_fields=["status", "answer", "answered_at"])
    _notify(list(addressee.dossier.signals.all()), "answered")
    return addressee


@transaction.atomic
def ask_follow_up(addressee: Addressee, *, acting_user) -> Addressee:
    """Ask the addressee for more: a new link to answer once more."""
    _addressee_moves(addressee, AddresseeStatus.FOLLOW_UP, acting_user=acting_user)
    _send_link(addressee, "signals/email/follow_up")
    addressee.reminded_at = None
    addressee.save(update_fields=["status", "token_hash", "link_expires_at", "reminded_at"])
    _notify(list(addressee.dossier.signals.all()), "follow_up")
    return addressee


@transaction.atomic
def close_addressee(addressee: Addressee, *, acting_user) -> Addressee:
    _addressee_moves(addressee, AddresseeStatus.CLOSED, acting_user=acting_user)
    addressee.link_expires_at = timezone.now()
    addressee.save(update_fields=["status", "link_expires_at"])
    return addressee


def unanswered(weeks: int = REMINDER_WEEKS) -> QuerySet[Addressee]:
    """Addressees sent the dossier (or a follow-up) ``weeks`` ago without answering, not reminded since."""
    before = timezone.now() - timedelta(weeks=weeks)
    return Addressee.objects.filter(
        status__in=[AddresseeStatus.SENT, AddresseeStatus.READ, AddresseeStatus.FOLLOW_UP], sent_at__lte=before
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=before))


def remind_unanswered(weeks: int = REMINDER_WEEKS) -> int:
    """Send each unanswered addressee a reminder with a fresh link (the old one stops working)."""
    count = 0
    for pk in list(unanswered(weeks).values_list("pk", flat=True)):
        with transaction.atomic():
            addressee = Addressee.objects.select_for_update().select_related("dossier").get(pk=pk)
            _send_link(addressee, "signals/email/reminder")
            addressee.reminded_at = timezone.now()
            addressee.save(update_fields=["token_hash", "link_expires_at", "reminded_at"])
            audit.record("addressee.reminded", obj=addressee, dossier=addressee.dossier_id, weeks=weeks)
            count += 1
    return count


# ---------------------------------------------------------------- feedback


def _notify(signals: list[Signal], what: str) -> None:
    """Tell each reporter and each co-signing group's signer that something happened: a link to
    the signal, no content. Marks the signals as having had feedback."""
    if not signals:
        return
    ids = [s.pk for s in signals]
    Signal.objects.filter(pk__in=ids).update(feedback_at=timezone.now())
    recipients: dict[str, tuple[str, int]] = {}
    for signal in Signal.objects.filter(pk__in=ids).select_related("reporter"):
        if signal.reporter and signal.reporter.is_active:
            recipients.setdefault(signal.reporter.email, (signal.reporter.preferred_language, signal.pk))
    for signed in CoSign.objects.filter(signal_id__in=ids).select_related("signed_by"):
        user = signed.signed_by
        if user and user.is_active:
            recipients.setdefault(user.email, (user.preferred_language, signed.signal_id))
    for email, (language, signal_id) in recipients.items():
        link = absolute_url("signals:signal", signal_id)
        queue_email(email, "signals/email/feedback", {"link": link, "what": what}, language=language or "nl")


def without_feedback(days: int = FEEDBACK_DAYS) -> QuerySet[Signal]:
    """Confirmed signals whose reporters heard nothing for ``days`` days."""
    before = timezone.now() - timedelta(days=days)
    return Signal.objects.filter(
        status__in=[SignalStatus.CONFIRMED, SignalStatus.IN_DOSSIER],
    ).filter(Q(feedback_at__lte=before) | Q(feedback_at__isnull=True, created_at__lte=before))


def transparency_log(signal: Signal) -> list[AuditEvent]:
    """What was done with a signal: its own audit rows, then its dossier's and its addressees'."""
    who = Q(object_type="signals.signal", object_id=signal.pk)
    if signal.dossier_id:
        addressees = list(Addressee.objects.filter(dossier_id=signal.dossier_id).values_list("pk", flat=True))
        who |= Q(object_type="signals.dossier", object_id=signal.dossier_id)
        who |= Q(object_type="signals.addressee", object_id__in=addressees)
    return list(AuditEvent.objects.filter(who).order_by("at", "pk")[:500])
