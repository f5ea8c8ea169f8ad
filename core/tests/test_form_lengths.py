"""A hand-written form field that is stored in a column is no longer than that column, so a
long value gets the form's message instead of a 500 on PostgreSQL (issue 9). Model forms take
the length from the model themselves; these are the fields written by hand."""

from __future__ import annotations

import pytest
from django.apps import apps

from accounts.forms import NewAccountForm
from organisations.forms import ApplicantReplyForm, InviteForm, MembershipChangeForm, ReviewForm
from toolkit.forms import CommentForm
from toolkit.forms import ReviewForm as SuggestionReviewForm
from volunteers.forms.group import ContactedForm, FollowUpHeldForm, IntakeForm, StatusForm
from volunteers.forms.me import CheckInForm
from volunteers.forms.public import DetailsForm, LinkRequestForm

# (form, field, "app.Model.field" it is stored in)
STORED = [
    (NewAccountForm, "full_name", "accounts.User.full_name"),
    (InviteForm, "full_name", "organisations.Invitation.full_name"),
    (InviteForm, "email", "organisations.Invitation.email"),
    (MembershipChangeForm, "note", "organisations.MembershipEvent.note"),
    (ReviewForm, "message", "organisations.ApplicationMessage.text"),
    (ApplicantReplyForm, "reply", "organisations.ApplicationMessage.text"),
    (CommentForm, "comment", "toolkit.SuggestionComment.text"),
    (SuggestionReviewForm, "note", "toolkit.EditSuggestion.decision_note"),
    (DetailsForm, "full_name", "volunteers.Volunteer.full_name"),
    (DetailsForm, "email", "volunteers.Volunteer.email"),
    (DetailsForm, "phone", "volunteers.Volunteer.phone"),
    (DetailsForm, "interests", "volunteers.Volunteer.interests"),
    (LinkRequestForm, "email", "volunteers.Volunteer.email"),
    (ContactedForm, "note", "volunteers.StatusChange.note"),
    (StatusForm, "note", "volunteers.StatusChange.note"),
    (IntakeForm, "notes", "volunteers.Intake.notes"),
    (IntakeForm, "agreed_tasks", "volunteers.Intake.agreed_tasks"),
    (IntakeForm, "limits", "volunteers.Intake.limits"),
    (FollowUpHeldForm, "notes", "volunteers.FollowUp.notes"),
    (CheckInForm, "note", "volunteers.CheckIn.note"),
]


@pytest.mark.parametrize(("form", "name", "column"), STORED, ids=lambda v: getattr(v, "__name__", str(v)))
def test_a_hand_written_field_is_as_long_as_its_column(form, name, column):
    app, model, field = column.split(".")
    limit = apps.get_model(app, model)._meta.get_field(field).max_length
    assert limit is not None, f"{column} has no length to keep"
    assert form.base_fields[name].max_length == limit
