"""Form fields that turn what people type into places, with translated errors."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality, PostalCode
from .services import PlaceError, find_municipality, match_postcode


class PostcodeField(forms.CharField):
    """A Belgian postcode, cleaned to a ``PostalCode`` (with coordinates where known)."""

    default_error_messages = {
        "invalid": _("“%(value)s” is not a Belgian postcode: use four digits, such as 2800."),
        "unknown": _("We do not know the postcode %(value)s. Please check it."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        code = match_postcode(value)
        if code is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})
        found = PostalCode.objects.filter(code=code).select_related("municipality").order_by("latitude").first()
        if found is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"value": code})
        return found


class MunicipalityListField(forms.CharField):
    """Municipalities by name, NIS code or postcode, separated by commas or semicolons."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 4000)  # some 150 names; a group lists a handful
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return []
        found: list[Municipality] = []
        unknown: list[str] = []
        for part in (p.strip() for p in re.split(r"[,;\n]", value)):
            if not part:
                continue
            try:
                code = match_postcode(part)
                if code is not None and not Municipality.objects.filter(nis_code=code).exists():
                    pc = PostalCode.objects.filter(code=code).select_related("municipality").first()
                    if pc is None:
                        raise PlaceError(part)
                    found.append(pc.municipality)
                else:
                    found.append(find_municipality(part))
            except PlaceError:
                unknown.append(part)
        if unknown:
            raise forms.ValidationError(
                _("We do not know these municipalities: %(names)s. Use the official name or a postcode."),
                code="unknown",
                params={"names": ", ".join(unknown)},
            )
        return list(dict.fromkeys(found))


def municipality_names(municipalities) -> str:
    return ", ".join(m.name_nl for m in municipalities)
