"""The suggestion's status table and the audit rows of the Toolkit's editorial writes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from core.models import AuditEvent
from core.tests.factories import UserFactory
from core.transitions import TransitionError
from toolkit import services
from toolkit.models import EditSuggestion, SuggestionStatus
from toolkit.tests.factories import make_page, make_suggestion


@pytest.mark.parametrize(("old", "new", "allowed"), list(services.SUGGESTION.moves()))
def test_a_suggestion_moves_along_its_table(people, old, new, allowed):
    editor = UserFactory(is_editor=True)
    suggestion = make_suggestion(make_page("Huurwaarborg"), people.volunteer)
    decided_at = None if old == SuggestionStatus.OPEN else timezone.now()
    EditSuggestion.objects.filter(pk=suggestion.pk).update(status=old, decided_at=decided_at)
    suggestion.refresh_from_db()
    if allowed:
        services._decide(suggestion, new, editor=editor, note="", published=None)
        assert EditSuggestion.objects.get(pk=suggestion.pk).status == new
    else:
        with pytest.raises(TransitionError):
            services._decide(suggestion, new, editor=editor, note="", published=None)
        assert EditSuggestion.objects.get(pk=suggestion.pk).status == old


def test_publishing_declining_and_restoring_are_recorded_for_the_network(people):
    editor = UserFactory(is_editor=True)
    page = make_page("Huurwaarborg")
    published = make_suggestion(page, people.volunteer)
    services.accept_suggestion(published, editor=editor)
    declined = make_suggestion(page, people.volunteer, body="Iets anders.")
    services.decline_suggestion(declined, editor=editor, note="Klopt niet.")
    with pytest.raises(services.ServiceError, match="already been handled"):
        services.decline_suggestion(declined, editor=editor)
    first = page.revisions.get(number=1)
    services.restore_revision(page, first, editor=editor, seen_revision_id=page.current_revision().pk)
    rows = list(AuditEvent.objects.order_by("pk").values_list("action", "actor_id", "network"))
    assert rows == [
        ("toolkit.suggestion_published", editor.pk, True),
        ("toolkit.suggestion_declined", editor.pk, True),
        ("toolkit.revision_restored", editor.pk, True),
    ]
    assert AuditEvent.objects.get(action="toolkit.suggestion_declined").details == {"page": page.pk}
    assert SuggestionStatus.DECLINED == EditSuggestion.objects.get(pk=declined.pk).status
