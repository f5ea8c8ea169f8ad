"""The interpreter requests' actions in the audit log (core/audit.py). A request is part of
the family's record: each action is recorded on the family's trajectory with the part
``interpreting``, so the group's coordinators read it in the family's log (decision 0025)."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

declare("family.interpreter_requested", _("Interpreter request made"))
declare("family.interpreter_asked", _("Interpreter asked"))
declare("family.interpreter_read", _("Interpreter request read by the interpreter through the link"))
declare("family.interpreter_accepted", _("Interpreter accepted"))
declare("family.interpreter_declined", _("Interpreter declined"))
declare("family.interpreter_withdrawn", _("Interpreter withdrew after accepting"))
declare("family.interpreter_social", _("Social interpreter booked through a professional"))
declare("family.interpreter_done", _("Interpreter request done"))
declare("family.interpreter_cancelled", _("Interpreter request cancelled"))
