"""The signals app's actions in the audit log (core/audit.py). A signal's rows belong to its
group; a dossier's and its addressees' rows are the network's. Together they are each
signal's transparency log (``services.transparency_log``)."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

declare("signal.created", _("Signal filed"))
declare("signal.confirmed", _("Signal confirmed by the coordinator"))
declare("signal.withdrawn", _("Signal withdrawn"))
declare("signal.cosigned", _("Signal co-signed by another group"))
declare("signal.added_to_dossier", _("Signal added to a dossier"))
declare("signal.removed_from_dossier", _("Signal taken out of a dossier"))
declare("signal.example_consent_recorded", _("Consent to publish the example recorded"))
declare("signal.example_consent_withdrawn", _("Consent to publish the example withdrawn"))

declare("theme.created", _("Signal theme added"), network=True)
declare("theme.changed", _("Signal theme changed"), network=True)
declare("dossier.created", _("Dossier opened"), network=True)
declare("dossier.changed", _("Dossier changed"), network=True)
declare("dossier.split", _("Dossier split"), network=True)
declare("dossier.merged", _("Dossier merged"), network=True)
declare("dossier.sent", _("Dossier sent"), network=True)
declare("dossier.closed", _("Dossier closed"), network=True)
declare("dossier.published", _("Dossier published"), network=True)
declare("dossier.examples_chosen", _("Examples chosen for the public page"), network=True)
declare("dossier.unpublished", _("Dossier no longer public"), network=True)
declare("addressee.added", _("Addressee added"), network=True)
declare("addressee.status_changed", _("Addressee's status changed"), network=True)
declare("addressee.reminded", _("Addressee reminded"), network=True)
declare("recipient.invited", _("Policy recipient invited to make an account"), network=True)
declare("recipient.joined", _("Policy recipient made its account"), network=True)
