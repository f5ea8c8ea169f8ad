"""The referrals' actions in the audit log (core/audit.py). Each is recorded on the family's
trajectory with the part "plan", so the group's coordinators read them in the family's log."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

declare("referral.proposed", _("Referral to a service proposed"))
declare("referral.sent", _("Referral sent to the service"))
declare("referral.cancelled", _("Referral cancelled"))
declare("referral.read_by_service", _("Referral read by the service through its link"))
declare("referral.accepted", _("Referral accepted by the service"))
declare("referral.refused", _("Referral refused by the service"))
declare("referral.done", _("Referral done, with its outcome"))
declare("referral.signal_filed", _("Refused referral turned into a signal"))
declare("referral.actor_picked", _("Actor picked from the social map"))
