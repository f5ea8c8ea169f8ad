"""The family's own view (decision 0022): ``/gezin/<token>/``, a light page in the family's
language (nine languages, right-to-left for Arabic, Dari and Pashto) with its plan, its
network map, the shared meeting reports and who read its file; the family ticks its steps.
Opened with the code sent separately; the session then remembers the link.

And the coordinators' page that makes or revokes the link (``/gezinnen/<id>/gezinslink/``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.access import AUTHENTICATED, PUBLIC, access
from core.errors import ServiceError
from core.inputs import parse_id
from core.models import AuditEvent

from . import family_links, services
from .access import get_managed_trajectory_for
from .family_texts import fv
from .link_models import FAMILY_LANGUAGES, FamilyLink, hash_token
from .models import Actor, DomainEntry, Goal, Step, Trajectory
from .views import _context


def _render(request: HttpRequest, link: FamilyLink | None, template: str, context: dict, status: int = 200):
    language = link.language if link else "nl"
    context = {**context, **_strings(language), "fv_language": language, "rtl": bool(link and link.rtl), "link": link}
    with translation.override(language):
        return render(request, template, context, status=status)


def _record(trajectory: Trajectory) -> dict:
    """What the family sees of its own record: everything the group holds on it, in its words."""
    goals = list(Goal.objects.filter(trajectory=trajectory).prefetch_related("steps"))
    domains = list(DomainEntry.objects.filter(trajectory=trajectory, skipped=False))
    actors = list(Actor.objects.filter(trajectory=trajectory))
    for entry in domains:
        entry.family_actors = [a for a in actors if a.domain_id == entry.pk]  # type: ignore[attr-defined]
    meetings = list(
        trajectory.meetings.filter(report_shared_at__isnull=False).prefetch_related("items").order_by("-starts_at")
    )
    rows = (
        AuditEvent.objects.filter(
            object_type=Trajectory._meta.label_lower,
            object_id=trajectory.pk,
            organisation_id=trajectory.organisation_id,
            action="family.read",
            actor__isnull=False,
        )
        .order_by("-pk")
        .values("at", "part", "actor__full_name", "actor__email")[:50]
    )
    reads = [{"at": r["at"], "part": r["part"], "who": r["actor__full_name"] or r["actor__email"]} for r in rows]
    return {"goals": goals, "domains": domains, "meetings": meetings, "reads": reads, "trajectory": trajectory}


@access(PUBLIC)
@require_http_methods(["GET", "HEAD", "POST"])
def family_page(request: HttpRequest, token: str) -> HttpResponse:
    link = family_links.find_link(token)
    if link is None:
        # Revoked, closed or unknown: say so, in the family's language when the link was real.
        old = FamilyLink.objects.filter(token_hash=hash_token(token[:64])).first()
        return _render(request, old, "families/family/gone.html", {}, status=404)
    language = link.language
    opened = request.session.get(family_links.SESSION_KEY) == link.pk
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "code":
            code = request.POST.get("code", "")[:20]
            try:
                if family_links.try_code(link, code):
                    request.session.cycle_key()
                    request.session[family_links.SESSION_KEY] = link.pk
                    return redirect("families:family_page", token)
                error = fv(language, "This code is not right. Try again.")
                status = 400
            except ServiceError:
                error = fv(language, "Too many tries. Wait 15 minutes and try again.")
                status = 429
        elif action in ("right", "correction") and opened:
            meeting = link.trajectory.meetings.filter(
                pk=parse_id(request.POST.get("meeting")) or 0, report_shared_at__isnull=False
            ).first()
            if meeting is None:
                raise Http404
            correction = request.POST.get("correction", "").strip()
            if action == "correction" and not correction:
                error = fv(language, "Write what is not right.")
                status = 400
            else:
                family_links.family_answer_report(link, meeting, right=action == "right", correction=correction)
                messages.success(request, fv(language, "Thank you. We will look at it."))
                return redirect("families:family_page", token)
        elif opened and (action in ("done", "open") or "done" in request.POST or "open" in request.POST):
            # One form per goal: the pressed button names the step ("done" or "open" = its id).
            done = action == "done" or "done" in request.POST
            posted = request.POST.get("step") if action else request.POST.get("done" if done else "open")
            step = Step.objects.filter(goal__trajectory=link.trajectory, pk=parse_id(posted) or 0).first()
            if step is None:
                raise Http404
            family_links.family_set_step(link, step, done)
            messages.success(request, fv(language, "Saved."))
            return redirect("families:family_page", token)
        else:
            error = fv(language, "Enter the code we gave you.")
            status = 400
    if not opened or (status != 200 and request.POST.get("action") == "code"):
        typed = request.POST.get("code", "") if request.method == "POST" else ""  # shown again, as typed
        return _render(request, link, "families/family/code.html", {"error": error, "typed": typed}, status=status)
    if status != 200:
        family_links.record_family_read(link)
        return _render(
            request, link, "families/family/page.html", {**_record(link.trajectory), "error": error}, status=status
        )
    family_links.record_family_read(link)
    return _render(request, link, "families/family/page.html", _record(link.trajectory))


def _strings(language: str) -> dict[str, str]:
    """Strings repeated in the page's loops, translated once per request."""
    return {"t_done": fv(language, "Done"), "t_not_done": fv(language, "Not done yet")}


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def family_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Make (or make again) and revoke the family's link, for the group's coordinators."""
    trajectory = get_managed_trajectory_for(request.user, pk)
    action = request.POST.get("action")
    status = 200
    made = None
    if request.method == "POST":
        language = request.POST.get("language", "")
        try:
            if action == "make" and language in dict(FAMILY_LANGUAGES):
                link, token, code = family_links.make_link(trajectory, acting_user=request.user, language=language)
                made = {"url": request.build_absolute_uri(f"/gezin/{token}/"), "code": code}
            elif action == "revoke":
                family_links.revoke_links(trajectory, acting_user=request.user)
                messages.success(request, _("The family's link no longer works."))
                return redirect("families:family_link", trajectory.pk)
            else:
                messages.error(request, _("Choose the family's language."))
                status = 400
        except ServiceError as error:
            messages.error(request, str(error))
            status = 400
    services.record_read(trajectory, request.user, "family-link")
    current = trajectory.family_links.filter(revoked_at__isnull=True).first()
    context = _context(
        request, trajectory, section="family-link", current=current, made=made, languages=FAMILY_LANGUAGES
    )
    return render(request, "families/family_link.html", context, status=status)
