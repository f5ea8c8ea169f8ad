"""People who log in. Group roles (coordinator, volunteer) live on
``organisations.OrganisationMember``; network roles are flags here."""

from __future__ import annotations

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

    # Group roles, cached per request-bound instance. Only groups that are members of the
    # network count: a person of a group that left it keeps no members' rights (DESIGN.md).
    def _memberships(self) -> dict[int, str]:
        if not hasattr(self, "_membership_cache"):
            from organisations.models import MembershipStatus, OrganisationMember

            self._membership_cache = dict(
                OrganisationMember.objects.filter(
                    user=self, left_at__isnull=True, organisation__status=MembershipStatus.MEMBER
                ).values_list("organisation_id", "role")
            )
        return self._membership_cache

    def organisation_ids(self) -> set[int]:
        return set(self._memberships())

    def coordinated_organisation_ids(self) -> set[int]:
        return {org for org, role in self._memberships().items() if role == "coordinator"}

    def roles(self) -> set[str]:
        roles = set()
        if self.is_secretariat:
            roles.add("secretariat")
        if self.is_editor:
            roles.add("editor")
        for role in self._memberships().values():
            roles.add(role)
        return roles
