"""The social map's actions in the audit log (core/audit.py): all the network's business."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

declare("socialmap.service_proposed", _("Service proposed for the social map"), network=True)
declare("socialmap.service_published", _("Service published on the social map"), network=True)
declare("socialmap.service_declined", _("Service declined for the social map"), network=True)
declare("socialmap.change_proposed", _("Change to a service proposed"), network=True)
declare("socialmap.change_published", _("Change to a service published"), network=True)
declare("socialmap.change_declined", _("Change to a service declined"), network=True)
declare("socialmap.service_verified", _("Service marked as verified"), network=True)
declare("socialmap.link_made", _("Update link made for a service"), network=True)
declare("socialmap.note_added", _("Practice note added to a service"), network=True)
declare("socialmap.contact_added", _("Contact person added to a service"), network=True)
declare("socialmap.imported", _("Services imported into the social map"), network=True)
declare("socialmap.import_started", _("Import of services started"), network=True)
