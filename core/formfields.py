"""Form pieces shared by every app (docs/decisions/0017-bad-input.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .inputs import MAX_ID, ascii_digits
from .text import clean_email, clean_name

# Every e-mail column of the platform (Django's EmailField) holds 254 characters.
EMAIL_MAX = 254


class HiddenFieldsMixin(forms.BaseForm):
    """A form whose hidden fields (``submission_key``, ``base_revision``) came back changed
    or unreadable says so in words, and offers a fresh value, instead of failing on an error
    the person cannot see, on every try.

    Each hidden field's error becomes one message above the form, and the field gets its
    initial value again (declare ``initial=`` on the field, or pass ``initial=`` to the form),
    so sending the form once more works. The visible fields keep what was typed.
    """

    hidden_field_message = _(
        "Part of this form that you do not see was changed on the way or has expired. "
        "Check your answers and send the form again."
    )

    def full_clean(self) -> None:
        super().full_clean()
        errors: Any = getattr(self, "_errors", None)
        hidden = [name for name in list(errors or {}) if name in self.fields and self[name].is_hidden]
        if not hidden:
            return
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        for name in hidden:
            del errors[name]
            self.cleaned_data.pop(name, None)
            data[self.add_prefix(name)] = self.get_initial_for_field(self.fields[name], name) or ""
        self.data = data
        self.add_error(None, forms.ValidationError(self.hidden_field_message, code="hidden"))


class IdField(forms.IntegerField):
    """A database id in a hidden field: digits only (any script, read as ASCII), within the
    range of an id, so a changed value is an error and never an overflow."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = ascii_digits(value.strip())
            if value and not value.isascii():
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class NameField(forms.CharField):
    """A person's or a group's name, stored without invisible controls (core/text.py)."""

    def to_python(self, value):
        return clean_name(super().to_python(value))


class EmailField(forms.EmailField):
    """An e-mail address without invisible characters, at most as long as the columns that
    store addresses (254; Django's form field alone accepts 320)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", EMAIL_MAX)
        super().__init__(**kwargs)

    def to_python(self, value):
        return clean_email(super().to_python(value))
