"""The family's own view (decision 0022): ``/gezin/<token>/``, a light page in the family's
language (nine languages, right-to-left for Arabic, Dari and Pashto) with its plan, its
network map, the shared meeting reports and who read its file; the family ticks its steps.
Opened with the code sent separately; the session then remembers the link.

And the coordinators' page that makes or revokes the link (``/gezinnen/<id>/gezinslink/``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.access import AUTHENTICATED, PUBLIC, access
from core.errors import ServiceError
from core.inputs import parse_id, parse_page

from . import family_links, family_reads, family_texts, services
from .access import get_managed_trajectory_for
from .family_forms import CodeForm, CorrectionForm, ReportRightForm
from .family_texts import fv
from .link_models import FAMILY_LANGUAGES, FamilyLink, hash_token
from .models import ActorKind, Step
from .views import _context

READS_PER_PAGE = 20


def _render(request: HttpRequest, link: FamilyLink | None, template: str, context: dict, status: int = 200):
    """The page in the family's language. Rendered without the site's context processors (its
    navigation, the user's groups, the map settings: none of it is on this page); the page
    needs only the CSRF token and the messages, given here."""
    language = link.language if link else "nl"
    context = {
        **context,
        "fv_language": language,
        "rtl": bool(link and link.rtl),
        "system_fonts": language in family_texts.SYSTEM_FONT_LANGUAGES,
        "csrf_token": get_token(request),
        "messages": messages.get_messages(request),
    }
    with family_texts.speaking(language):
        return HttpResponse(get_template(template).render(context), status=status)


# Strings repeated in the page's loops, translated once per request: ``{{ w.done }}``.
WORDS = {
    "done": "Done",
    "not_done": "Not done yet",
    "reached": "Reached",
    "goes_well": "What goes well",
    "less_well": "What goes less well",
    "help_needed": "Where I need help",
    "actors": "People and services",
    "said": "Said",
    "decided": "Decided",
    "right": "This is right",
    "ask_correction": "Ask for a correction",
    "was_right": "You said this report is right.",
    "was_corrected": "You asked for a correction.",
    "parts": "What they read",
    "last": "Last time",
    "times": "How many times",
    "deadline": "Deadline",
}


def _words(language: str) -> dict[str, str]:
    return {key: fv(language, text) for key, text in WORDS.items()}


def _readers(link: FamilyLink, page: int) -> dict:
    """ "Who read your file": per person (in plain words) the parts read, the last date and
    how many times, in one grouped query; then one page of the reads themselves, newest first."""
    trajectory = link.trajectory
    language = link.language
    grouped = family_reads.readers(trajectory)
    group = family_reads.organisation_name(trajectory.organisation_id)
    people: dict[int, dict] = {}
    for row in grouped:
        person = people.get(row["actor_id"])
        if person is None:
            person = people[row["actor_id"]] = {"last": row["last"], "times": 0, "parts": {}, "row": row}
        elif row["last"] > person["last"]:
            person["last"], person["row"] = row["last"], row  # the role they read with last
        person["times"] += row["times"]
        person["parts"][row["part"]] = max(person["parts"].get(row["part"], row["last"]), row["last"])
    names = {}
    for actor_id, person in people.items():
        row = person.pop("row")
        name = row["full_name"] or row["email"]
        if not name:
            who = family_texts.who(language, family_texts.NO_NAME_WORDS)
        elif actor_id == trajectory.bridge_figure_id:
            who = family_texts.who(language, family_texts.BRIDGE_FIGURE_WORDS, name=name, group=group)
        else:
            role = family_texts.ROLE_WORDS.get(row["actor_role"], family_texts.ROLE_WORDS["account"])
            who = family_texts.who(language, role, name=name, group=group)
        names[actor_id] = person["who"] = who
        parts = sorted(person["parts"].items(), key=lambda item: item[1], reverse=True)
        part_words = dict.fromkeys(family_texts.part_word(language, part) for part, _at in parts)
        person["parts"] = family_texts.join(language, list(part_words))
        person["last_text"] = family_texts.date(language, person["last"])
        person["times_text"] = family_texts.number(language, person["times"])
    summary = sorted(people.values(), key=lambda person: person["last"], reverse=True)  # the latest reader first
    start = (page - 1) * READS_PER_PAGE
    rows = family_reads.reads(trajectory, start, READS_PER_PAGE + 1)
    detail = [
        {
            "when": family_texts.date(language, row["at"]),
            "time": family_texts.number(language, timezone.localtime(row["at"]).strftime("%H:%M")),
            "who": names.get(row["actor_id"], ""),
            "part": family_texts.part_word(language, row["part"]),
        }
        for row in rows[:READS_PER_PAGE]
    ]
    return {
        "readers": summary,
        "reads": detail,
        "reads_page": page,
        "reads_older": page + 1 if len(rows) > READS_PER_PAGE else None,
        "reads_newer": page - 1 if page > 1 else None,
    }


# The family's view is two pages: its record (the plan, where the steps are ticked, the
# network and the shared meeting reports) and "who read your file" (``?gelezen=<page>``).


def _plan(link: FamilyLink, words: dict[str, str]) -> dict:
    """The plan: goals in the words they were written in, each step with its button. Only the
    columns shown are read (each encrypted value costs a decryption), as plain dicts."""
    language = link.language
    domain_words = _domain_words(language)
    goals: dict[int, dict[str, Any]] = {
        goal["pk"]: {**goal, "domain_word": domain_words.get(goal["domain"], goal["domain"]), "steps": []}
        for goal in family_reads.goals(link.trajectory_id)
    }
    for step in family_reads.steps(link.trajectory_id):
        goals[step["goal_id"]]["steps"].append(_step_line(step, language, words))
    return {"goals": list(goals.values())}


def _network(link: FamilyLink) -> dict:
    """The network map as a list: per life domain what goes well and less well, where help is
    needed, and the people and services around the family."""
    domain_words = _domain_words(link.language)
    domains = family_reads.domains(link.trajectory_id)
    actors: dict[int, list[str]] = {}
    kinds = dict(ActorKind.choices)
    for actor in family_reads.actors(link.trajectory_id):
        actors.setdefault(actor["domain_id"], []).append(actor["name"] or str(kinds.get(actor["kind"], actor["kind"])))
    for entry in domains:
        entry["actors"] = family_texts.join(link.language, actors.get(entry["pk"], []))
        entry["word"] = entry["own_label"] or domain_words.get(entry["domain"], entry["domain"])
    return {"domains": domains}


def _reports(link: FamilyLink, report: int | None, correcting: CorrectionForm | None) -> dict:
    """The shared meeting reports: the newest (or the one asked for) in full with the family's
    answer forms, the others by date."""
    language = link.language
    meetings = family_reads.shared_meetings(link.trajectory_id)
    for meeting in meetings:
        meeting["day"] = family_texts.date(language, meeting["starts_at"])
    shown = next((m for m in meetings if m["pk"] == report), meetings[0] if meetings else None)
    if shown is not None:
        shown["items"] = family_reads.agenda(shown["pk"])
        shown["form"] = correcting or CorrectionForm(language=language, meeting=shown["pk"])
        shown["right_form"] = ReportRightForm(language=language, meeting=shown["pk"])
    return {"meetings": meetings, "report": shown}


def _domain_words(language: str) -> dict[str, str]:
    return {code: fv(language, words) for code, words in family_texts.DOMAIN_WORDS.items()}


def _step_line(step: dict, language: str, words: dict[str, str]) -> SafeString:
    """One step of the plan with its button, as ``<li>``: built here rather than in the
    template because a plan has many steps and this is the page's hottest loop (a third of
    its rendering time; docs/benchmarks.md). Escaped by ``format_html``; the step's own
    words in ``<bdi>`` (they may be in another script than the page)."""
    if step["done_at"]:
        return format_html(
            '<li>☑ <bdi>{}</bdi> <button class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" '
            'type="submit" name="open" value="{}">{}</button></li>',
            step["text"],
            step["pk"],
            words["not_done"],
        )
    details = format_html(" (<bdi>{}</bdi>)", step["owner"]) if step["owner"] else ""
    if step["deadline"]:
        details = format_html("{} · {}: {}", details, words["deadline"], family_texts.date(language, step["deadline"]))
    return format_html(
        '<li>☐ <bdi>{}</bdi>{} <button class="govuk-button govuk-!-margin-bottom-0" type="submit" name="done" '
        'value="{}">{}</button></li>',
        step["text"],
        details,
        step["pk"],
        words["done"],
    )


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
    action = request.POST.get("action") if request.method == "POST" else None
    if request.method == "POST" and (action == "code" or not opened):
        return _open_with_code(request, link, token)
    if not opened:
        return _render(request, link, "families/family/code.html", {"form": CodeForm(language=language)})
    correcting = None
    status = 200
    if request.method == "POST":
        if action in ("right", "correction"):
            meeting = link.trajectory.meetings.filter(
                pk=parse_id(request.POST.get("meeting")) or 0, report_shared_at__isnull=False
            ).first()
            if meeting is None:
                raise Http404
            if action == "right":
                family_links.family_answer_report(link, meeting, right=True)
                messages.success(request, fv(language, "Thank you. We will look at it."))
                return redirect(f"{reverse('families:family_page', args=[token])}?verslag={meeting.pk}")
            correcting = CorrectionForm(request.POST, language=language, meeting=meeting.pk)
            if correcting.is_valid():
                family_links.family_answer_report(
                    link, meeting, right=False, correction=correcting.cleaned_data["correction"]
                )
                messages.success(request, fv(language, "Thank you. We will look at it."))
                return redirect(f"{reverse('families:family_page', args=[token])}?verslag={meeting.pk}")
        elif action in ("done", "open") or "done" in request.POST or "open" in request.POST:
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
            status = 400  # nothing this page knows: the page again
    words = _words(language)
    if correcting is None and "gelezen" in request.GET:
        family_links.record_family_read(link, request.session, "gelezen")
        context = {**_readers(link, parse_page(request.GET.get("gelezen"))), "w": words}
        return _render(request, link, "families/family/gelezen.html", context)
    family_links.record_family_read(link, request.session, "page")
    report = correcting.initial["meeting"] if correcting is not None else parse_id(request.GET.get("verslag"))
    context = {**_plan(link, words), **_network(link), **_reports(link, report, correcting), "w": words}
    status = 400 if correcting is not None else status
    return _render(request, link, "families/family/page.html", context, status=status)


def _open_with_code(request: HttpRequest, link: FamilyLink, token: str) -> HttpResponse:
    """The code form: a wrong code is counted and comes back as typed; the fifth pauses the link."""
    language = link.language
    form = CodeForm(request.POST, language=language)
    status = 400
    if form.is_valid():
        try:
            if family_links.try_code(link, form.cleaned_data["code"]):
                request.session.cycle_key()
                request.session[family_links.SESSION_KEY] = link.pk
                return redirect("families:family_page", token)
            form.refuse(fv(language, "This code is not right. Try again."))
        except ServiceError:
            form.refuse(fv(language, "Too many tries. Wait 15 minutes and try again."))
            status = 429
    return _render(request, link, "families/family/code.html", {"form": form}, status=status)


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
