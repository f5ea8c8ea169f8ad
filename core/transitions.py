"""Declared status moves. Each status field has one table ``{from: {to, ...}}`` and one
service function that changes the field and checks the table first::

    MEMBERSHIP = Transitions(MembershipStatus, {MEMBER: {FORMER}, FORMER: {MEMBER}})
    MEMBERSHIP.check(org.status, MembershipStatus.FORMER)  # TransitionError if not allowed

A move that is not in the table is refused with a translated message: the table's own
(for every move, or per target status) or a general one naming both statuses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .errors import ServiceError

Message = str | Promise


REFUSED = _("The status “%(old)s” cannot change to “%(new)s”.")


class TransitionError(ServiceError):
    """A status move the field's table does not allow."""


class Transitions:
    def __init__(
        self,
        statuses: type[models.TextChoices],
        table: Mapping[str, Iterable[str]],
        *,
        refused: Message | Mapping[str, Message] = REFUSED,
    ) -> None:
        values = set(statuses.values)
        unknown = {s for pair in table.items() for s in (pair[0], *pair[1])} - values
        if unknown:
            raise ValueError(f"Unknown statuses in the transition table: {sorted(unknown)}")
        self.statuses = statuses
        self.table = {status: frozenset(table.get(status, ())) for status in statuses.values}
        self.refused = refused

    def allowed(self, old: str) -> frozenset[str]:
        """The statuses ``old`` may move to."""
        return self.table.get(old, frozenset())

    def allows(self, old: str, new: str) -> bool:
        return new in self.allowed(old)

    def check(self, old: str, new: str) -> None:
        if self.allows(old, new):
            return
        if isinstance(self.refused, Mapping):
            message = self.refused.get(new, REFUSED)
        else:
            message = self.refused
        raise TransitionError(str(message) % {"old": self._label(old), "new": self._label(new)})

    def moves(self) -> Iterator[tuple[str, str, bool]]:
        """Every (old, new, allowed) pair of statuses, for the tests."""
        for old in self.statuses.values:
            for new in self.statuses.values:
                yield old, new, self.allows(old, new)

    def _label(self, value: str) -> str:
        try:
            return str(self.statuses(value).label)
        except ValueError:
            return value
