"""The volunteers app's actions in the audit log (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

# A group's own business: its coordinators read these (the row's group is the engagement's).
declare("engagement.created", _("New lead"))
declare("engagement.status_changed", _("Status changed"))
declare("engagement.contacted", _("Contact recorded"))
declare("engagement.intake_recorded", _("Intake conversation recorded"))
declare("engagement.follow_up_planned", _("Follow-up conversation planned"))
declare("engagement.follow_up_recorded", _("Follow-up conversation recorded"))
declare("engagement.withdrawn", _("Withdrawn by the volunteer"))
declare("vacancy.created", _("Vacancy published"))
declare("vacancy.changed", _("Vacancy changed"))
declare("vacancy.closed", _("Vacancy closed"))
declare("vacancy.deleted", _("Vacancy deleted in the Django admin"))
declare("volunteer.account_linked", _("Sign-up joined to the account that accepted the invitation"))

# The secretariat's own work with waiting leads, and erasures and exports: the network's.
declare("engagement.passed_on", _("Lead passed on to another group"), network=True)
declare("engagement.asked_to_choose", _("Lead asked to choose another group"), network=True)
declare("volunteer.erased", _("Volunteer erased"), network=True)
declare("account.erased", _("Account erased"), network=True)
declare("funnel.exported", _("Volunteer figures exported"), network=True)

# The person's own record, without a group: kept for investigations only (the Django admin).
declare("volunteer.record_created", _("Volunteer record made for an account"))
declare("volunteer.details_changed", _("Volunteer changed their details"))
declare("volunteer.email_change_requested", _("New e-mail address asked for"))
declare("volunteer.email_changed", _("New e-mail address confirmed"))
declare("volunteer.exported", _("Volunteer downloaded their data"))
