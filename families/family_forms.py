"""The forms of the family's own page (decision 0022), rendered by the one form renderer
(``core/forms.py``). Their labels and messages come from the page's own catalogue in the
family's language (``family_texts.fv``): the site's catalogue knows only nl, fr and en. The
pressed button carries ``action`` (``name="action"``), so the forms hold only what the
family types (and the report's id)."""

from __future__ import annotations

from typing import Any

from django import forms

from core.formfields import IdField

from .family_texts import fv

CODE_MAX = 20
CORRECTION_MAX = 2000


class FamilyForm(forms.Form):
    """A form of the family's page: ``language`` translates its labels and messages."""

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language


class CodeForm(FamilyForm):
    """The six-digit code that opens the page. Whatever was typed comes back as typed."""

    code = forms.CharField(max_length=CODE_MAX, strip=True)

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, language=language, auto_id="%s", **kwargs)
        field = self.fields["code"]
        field.label = fv(language, "Your code")
        field.help_text = fv(language, "Enter the code we gave you.")
        field.error_messages = {
            "required": fv(language, "Enter the code we gave you."),
            "max_length": fv(language, "This code is not right. Try again."),
        }
        field.widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr", "size": 6, "spellcheck": "false"}
        )

    def refuse(self, message: str) -> None:
        """A wrong code or a paused link: the message on the field, the typing kept."""
        self.add_error("code", message)


class CorrectionForm(FamilyForm):
    """ "What is not right?" under one shared meeting report (one form per report, own ids)."""

    meeting = IdField(widget=forms.HiddenInput)
    correction = forms.CharField(max_length=CORRECTION_MAX, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, language: str, meeting: int, **kwargs: Any) -> None:
        super().__init__(*args, language=language, auto_id=f"m{meeting}-%s", initial={"meeting": meeting}, **kwargs)
        field = self.fields["correction"]
        field.label = fv(language, "Your correction")
        field.help_text = fv(language, "What is not right?")
        field.error_messages = {
            "required": fv(language, "Write what is not right."),
            "max_length": fv(language, "Write it shorter, in at most 2000 characters."),
        }


class ReportRightForm(FamilyForm):
    """ "This is right" under a shared report: only the report's id (the button says it)."""

    meeting = IdField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, language: str, meeting: int, **kwargs: Any) -> None:
        super().__init__(*args, language=language, auto_id=False, initial={"meeting": meeting}, **kwargs)
