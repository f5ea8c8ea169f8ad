"""The Toolkit's actions in the audit log (core/audit.py): all the network's business."""

from django.utils.translation import gettext_lazy as _

from core.audit import declare

declare("toolkit.suggestion_published", _("Toolkit suggestion published"), network=True)
declare("toolkit.suggestion_declined", _("Toolkit suggestion declined"), network=True)
declare("toolkit.revision_restored", _("Older Toolkit version restored"), network=True)
declare("toolkit.page_checked", _("Toolkit page marked as checked"), network=True)
declare("toolkit.page_saved_in_admin", _("Toolkit page saved in the Django admin"), network=True)
declare("toolkit.page_deleted", _("Toolkit page deleted"), network=True)
declare("toolkit.term_saved_in_admin", _("Glossary term saved in the Django admin"), network=True)
declare("toolkit.term_deleted", _("Glossary term deleted"), network=True)
declare("toolkit.attachment_added", _("File added to a Toolkit page"), network=True)
declare("toolkit.attachment_removed", _("File removed from a Toolkit page"), network=True)
declare("toolkit.answer_linked", _("Answer linked to a Toolkit page"), network=True)
declare("toolkit.question_deleted", _("Question removed"), network=True)
declare("toolkit.answer_deleted", _("Answer removed"), network=True)
declare("toolkit.synonyms_saved", _("Search synonyms saved"), network=True)
declare("toolkit.synonyms_deleted", _("Search synonyms deleted"), network=True)
