"""The accounts' actions in the audit log (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

declare("account.roles_changed", _("Network roles of an account changed"), network=True)
