"""People who log in. Group roles (coordinator, volunteer) live on
``organisations.OrganisationMember``; network roles are flags here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True, is_secretariat=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    preferred_language = models.CharField(
        _("language"), max_length=5, default="nl", choices=[("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
    )
    is_secretariat = models.BooleanField(_("secretariat"), default=False)
    is_editor = models.BooleanField(_("Toolkit editor"), default=False)
    # An addressee of the network's policy dossiers (a municipality, an OCMW, a minister's
    # office...) with an account: reads and answers its dossiers, nothing else (decision 0021).
    is_policy_recipient = models.BooleanField(_("policy recipient"), default=False)
    is_staff = models.BooleanField(_("staff (Django admin)"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Group roles, cached per request-bound instance. This is the one place that decides
    # whether someone is "a member with rights": an active membership (not left) of a group
    # whose membership of the network is current. A group that leaves the network takes
    # every members-only right from its people at once (Toolkit members' pages, questions
    # and answers, invitations and every group tool), while they still see their own group.
    def _memberships(self) -> dict[int, tuple[str, bool]]:
        """{group id: (role, the group is a member of the network)} for the groups not left."""
        if not hasattr(self, "_membership_cache"):
            from organisations.models import MembershipStatus

            self._membership_cache = {
                org: (role, status == MembershipStatus.MEMBER) for org, role, status in _memberships_of(self.pk)
            }
        return self._membership_cache

    def organisation_ids(self) -> set[int]:
        """Every group the person belongs to, also one that left the network (to see it)."""
        return set(self._memberships())

    def member_organisation_ids(self) -> set[int]:
        """The groups that give the person members' rights: current members of the network."""
        return {org for org, (_role, member) in self._memberships().items() if member}

    def coordinated_organisation_ids(self) -> set[int]:
        """The groups the person coordinates with rights (a group that left gives none)."""
        return {org for org, (role, member) in self._memberships().items() if member and role == "coordinator"}

    def has_member_rights(self) -> bool:
        return bool(self.member_organisation_ids())

    def roles(self) -> set[str]:
        roles = set()
        if self.is_secretariat:
            roles.add("secretariat")
        if self.is_editor:
            roles.add("editor")
        if self.is_policy_recipient:
            roles.add("policy_recipient")
        for role, member in self._memberships().values():
            if member:
                roles.add(role)
        return roles


def _memberships_of(user_id: int) -> list[tuple]:
    """(group id, role, the group's status) of the person's memberships not left: read on
    nearly every request of a signed-in person, so compiled once per connection (issue 11)."""
    global _MEMBERSHIPS
    if _MEMBERSHIPS is None:
        from core.prepared import Prepared
        from organisations.models import OrganisationMember

        _MEMBERSHIPS = Prepared(
            OrganisationMember,
            lambda user: (
                OrganisationMember.objects.filter(user_id=user, left_at__isnull=True)
                .values_list("organisation_id", "role", "organisation__status")
                .order_by()
            ),
            user=int,
        )
    return _MEMBERSHIPS.values(user=user_id)


_MEMBERSHIPS: Any = None
