from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LIFE_DOMAINS, PEOPLE_CONCERNED


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the Toolkit"), max_length=200, required=False)
    domain = forms.ChoiceField(
        label=_("Life domain"), required=False, choices=[("", _("All life domains")), *LIFE_DOMAINS.items()]
    )
    people = forms.ChoiceField(
        label=_("People concerned"), required=False, choices=[("", _("Everyone")), *PEOPLE_CONCERNED.items()]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
