"""The families app's actions in the audit log (core/audit.py). Every read and every write
of a family's record is recorded with the part it touched (``part``): the group's
coordinators read them per family."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

declare("family.read", _("Family record read"))
declare("family.opened", _("Support trajectory opened"))
declare("family.changed", _("Family record changed"))
declare("family.status_changed", _("Support trajectory status changed"))
declare("family.member_added", _("Family member added"))
declare("family.member_removed", _("Family member removed"))
declare("family.assigned", _("Volunteer assigned to a family"))
declare("family.unassigned", _("Volunteer no longer assigned to a family"))
declare("family.consent_given", _("Consent recorded"))
declare("family.consent_withdrawn", _("Consent withdrawn"))
declare("family.map_changed", _("Network map changed"))
declare("family.actor_added", _("Actor added to the network map"))
declare("family.actor_removed", _("Actor removed from the network map"))
declare("family.goal_added", _("Goal added to the action plan"))
declare("family.goal_changed", _("Goal changed"))
declare("family.step_changed", _("Step ticked off or reopened"))
declare("family.contact_logged", _("Contact logged"))
declare("family.exported", _("Family record exported"))
declare("family.erased", _("Family record erased"), network=True)
declare("family.purged", _("Closed support trajectory purged"), network=True)
# Network meetings (decision 0022).
declare("family.meeting_planned", _("Network meeting planned"))
declare("family.meeting_invited", _("Invitations to a network meeting sent"))
declare("family.meeting_changed", _("Network meeting changed"))
declare("family.report_saved", _("Network meeting report saved"))
declare("family.report_shared", _("Network meeting report shared"))
# The family's own link (decision 0022).
declare("family.link_made", _("Link for the family made"))
declare("family.link_revoked", _("Link for the family revoked"))
declare("family.link_opened", _("The family opened its page"))
declare("family.link_paused", _("The family's link paused after wrong codes"))
declare("family.closing_recorded", _("Closing conversation recorded"))
declare("family.report_answered", _("The family answered a meeting report"))
# Guest professionals (decision 0024).
declare("family.guest.invite", _("Guest professional invited"))
declare("family.guest.accept", _("Guest professional accepted the invitation"))
declare("family.guest.revoke", _("Guest professional's access revoked"))
declare("family.guest.change", _("Guest professional's end date changed"))
