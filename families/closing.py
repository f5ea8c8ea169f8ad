"""The closing conversation (afrondingsgesprek, decision 0022): record what was reached per
domain and the family's advice, and close the trajectory (its retention clock starts), in
one transaction. The page is for the group's coordinators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core import audit
from core.access import AUTHENTICATED, access
from core.errors import ServiceError

from . import services
from .access import get_managed_trajectory_for
from .closing_models import ClosingConversation
from .forms import _date, _text
from .models import DomainEntry, Goal, Trajectory, TrajectoryStatus
from .prompts import domain_label
from .views import _context


def closing_domains(trajectory: Trajectory) -> list[tuple[str, str]]:
    """The domains the trajectory worked on: the map's (not skipped) and the plan's."""
    codes: dict[str, str] = {}
    for entry in DomainEntry.objects.filter(trajectory=trajectory, skipped=False):
        codes[entry.domain] = entry.label
    for code in Goal.objects.filter(trajectory=trajectory).values_list("domain", flat=True):
        codes.setdefault(code, str(domain_label(code)))
    return list(codes.items())


class ClosingForm(forms.Form):
    held_on = _date(gettext_lazy("Held on"))
    advice = _text(gettext_lazy("The family's advice (in its words)"), 4000, rows=4)

    def __init__(self, *args: Any, domains: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.domains = list(domains)
        for code, label in self.domains:
            self.fields[f"reached_{code}"] = _text(
                gettext_lazy("What was reached: %(domain)s") % {"domain": label}, 2000, rows=2
            )

    def reached(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"reached_{code}"]
            for code, _l in self.domains
            if self.cleaned_data.get(f"reached_{code}")
        }


@transaction.atomic
def record_closing(trajectory: Trajectory, *, acting_user: Any, held_on: Any, reached: dict, advice: str) -> None:
    if trajectory.status != TrajectoryStatus.OPEN or ClosingConversation.objects.filter(trajectory=trajectory).exists():
        raise ServiceError(_("This support trajectory is closed already."))
    ClosingConversation.objects.create(  # type: ignore[misc]
        trajectory=trajectory, held_on=held_on, reached=reached, advice=advice, recorded_by=acting_user
    )
    audit.record("family.closing_recorded", actor=acting_user, obj=trajectory, domains=len(reached))
    services.change_status(trajectory, TrajectoryStatus.CLOSED, acting_user=acting_user)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def closing(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_managed_trajectory_for(request.user, pk)
    existing = ClosingConversation.objects.filter(trajectory=trajectory).first()
    form = ClosingForm(request.POST if request.method == "POST" else None, domains=closing_domains(trajectory))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                record_closing(
                    trajectory,
                    acting_user=request.user,
                    held_on=form.cleaned_data["held_on"],
                    reached=form.reached(),
                    advice=form.cleaned_data["advice"],
                )
                messages.success(request, _("The closing conversation is recorded and the trajectory is closed."))
                return redirect("families:closing", trajectory.pk)
            except ServiceError as error:
                messages.error(request, str(error))
        status = 400
    services.record_read(trajectory, request.user, "closing")
    labels = dict(closing_domains(trajectory))
    context = _context(
        request,
        trajectory,
        section="closing",
        form=form,
        existing=existing,
        reached=[(labels.get(code, code), text) for code, text in (existing.reached if existing else {}).items()],  # type: ignore[attr-defined]
    )
    return render(request, "families/closing.html", context, status=status)
