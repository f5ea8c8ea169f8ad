"""The organisations app's actions in the audit log (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

# The network's business: the secretariat reads these, and a group's coordinators those of their group.
declare("application.submitted", _("Application sent"), network=True)
declare("application.info_requested", _("More information asked"), network=True)
declare("application.answered", _("Application answered by the group"), network=True)
declare("application.approved", _("Application approved"), network=True)
declare("application.declined", _("Application declined"), network=True)
declare("organisation.membership_changed", _("Membership of the network changed"), network=True)
declare("organisation.profile_changed", _("Group profile changed"), network=True)
declare("organisation.changed_in_admin", _("Group changed in the Django admin"), network=True)
declare("organisation.imported", _("Group imported from the member list"), network=True)
declare("organisations.exported", _("Member list exported"), network=True)
declare("document.uploaded", _("Statutes or internal rules uploaded"), network=True)

# A group's own business: its coordinators read these.
declare("invitation.sent", _("Invitation sent"))
declare("invitation.revoked", _("Invitation withdrawn"))
declare("invitation.accepted", _("Invitation accepted"))
declare("member.role_changed", _("Role changed"))
declare("member.removed", _("Removed from the group"))
