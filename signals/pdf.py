"""A dossier's policy note: one or two pages, PDF (WeasyPrint, fetching our static files only)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from toolkit.pdf import html_to_pdf

from .figures import dossier_figures
from .models import Dossier


def policy_note_html(dossier: Dossier, *, examples: bool) -> str:
    """``examples``: the anonymised examples, for the secretariat's own copy; the public note
    and the addressees' note hold aggregates only."""
    signals = list(dossier.signals.exclude(example="").only("example")[:3]) if examples else []
    return render_to_string(
        "signals/note.html",
        {
            "dossier": dossier,
            "figures": dossier_figures(dossier),
            "examples": [s.example for s in signals],
            "today": timezone.localdate(),
        },
    )


def policy_note_pdf(dossier: Dossier, *, examples: bool, base_url: str) -> bytes:
    return html_to_pdf(policy_note_html(dossier, examples=examples), base_url=base_url)
