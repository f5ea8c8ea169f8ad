"""Signals to policy: members file, confirm and co-sign signals; the secretariat bundles them
into dossiers and sends them; addressees answer through their link; everyone who raised a
signal sees what came of it. Views parse, fetch through ``access.py``, call ``services.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import audit
from core.access import PUBLIC, SECRETARIAT, access
from core.errors import ServiceError
from core.pagination import paginate

from . import figures, services
from .access import (
    MEMBER,
    RECIPIENT,
    REPORTER,
    coordinates_signal,
    get_addressee_by_token,
    get_dossier_for,
    get_invitation_by_token,
    get_published_dossier,
    get_recipient_addressee,
    get_signal_for,
    own_group,
    recipient_addressees,
)
from .forms import (
    AddresseeForm,
    AnswerForm,
    ConfirmForm,
    ConsentForm,
    CoSignForm,
    DossierForm,
    ExamplesForm,
    MergeForm,
    OverviewFilterForm,
    RecipientAccountForm,
    SignalChoiceForm,
    SignalForm,
    ThemeForm,
)
from .models import Addressee, AddresseeStatus, Dossier, Signal, SignalStatus, Theme, publishable_examples
from .pdf import policy_note_pdf


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


# ---------------------------------------------------------------- members


@access(MEMBER)
@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    """The user's groups' signals (any status), and the confirmed signals of other groups."""
    user: Any = request.user
    mine = Signal.objects.filter(organisation_id__in=user.member_organisation_ids())
    status = request.GET.get("status", "")
    if status in SignalStatus.values:
        mine = mine.filter(status=status)
    others = Signal.objects.visible_to(user).exclude(organisation_id__in=user.member_organisation_ids())
    related = ("theme", "region", "organisation")
    return render(
        request,
        "signals/list.html",
        {
            "mine": paginate(request, mine.select_related(*related).defer("description", "example")),
            "others": others.select_related(*related).defer("description", "example")[:50],
            "status": status,
        },
    )


@access(REPORTER)
@require_http_methods(["GET", "POST"])
def signal_new(request: HttpRequest) -> HttpResponse:
    form = SignalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            signal = services.file_signal(
                form.save(commit=False),
                acting_user=request.user,
                personal_data_kinds=[f.kind for f in form.personal_data_accepted],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The signal has been saved. A coordinator of your group confirms it."))
            return redirect(signal)
    return render(request, "signals/signal_form.html", {"form": form}, status=_status(form))


@access(MEMBER)
@require_GET
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    signal = get_signal_for(user, pk)
    inside = own_group(user, signal) or user.is_secretariat
    cosigns = list(signal.cosigns.select_related("organisation"))
    can_cosign = signal.status in figures.SHARED and bool(
        user.member_organisation_ids() - {signal.organisation_id} - {c.organisation_id for c in cosigns}
    )
    addressees = list(signal.dossier.addressees.exclude(status=AddresseeStatus.NEW)) if signal.dossier else []
    return render(
        request,
        "signals/signal.html",
        {
            "signal": signal,
            "inside": inside,
            "own": own_group(user, signal),
            "count": figures.people_count(signal, inside=inside),
            "total": figures.suppress(signal.count + sum(c.count for c in cosigns))
            if not inside
            else signal.count + sum(c.count for c in cosigns),
            "cosigns": [(c, figures.people_count(c, inside=inside)) for c in cosigns],  # type: ignore[arg-type]
            "cosign_form": CoSignForm(user=request.user, signal=signal) if can_cosign else None,
            "can_confirm": signal.is_draft and coordinates_signal(user, signal),
            "can_withdraw": signal.status in (SignalStatus.DRAFT, SignalStatus.CONFIRMED)
            and coordinates_signal(user, signal),
            "addressees": addressees,
            "log": [
                (e, audit.label(e.action), audit.ROLE_LABELS.get(e.actor_role, ""))
                for e in services.transparency_log(signal)
            ],
        },
    )


@access(MEMBER)
@require_http_methods(["GET", "POST"])
def signal_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_signal_for(request.user, pk, confirm=True)
    from .forms import group_names

    form = ConfirmForm(
        request.POST or None,
        initial={"description": signal.description, "example": signal.example},
        personal_data_names=group_names([signal.organisation_id]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_signal(
                signal,
                description=form.cleaned_data["description"],
                example=form.cleaned_data["example"],
                acting_user=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The signal is confirmed: the network's members and the secretariat see it now.")
            )
            return redirect(signal)
    return render(request, "signals/confirm.html", {"signal": signal, "form": form}, status=_status(form))


@access(MEMBER)
@require_POST
def signal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator of the group withdraws a signal that is in no dossier."""
    signal = get_signal_for(request.user, pk, confirm=True)
    try:
        services.withdraw_signal(signal, acting_user=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect(signal)
    messages.success(request, _("The signal has been withdrawn."))
    return redirect("signals:list")


@access(MEMBER)
@require_POST
def signal_cosign(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_signal_for(request.user, pk, cosign=True)
    form = CoSignForm(request.POST, user=request.user, signal=signal)
    if form.is_valid():
        try:
            services.cosign(
                signal,
                organisation=form.cleaned_data["organisation"],
                count=form.cleaned_data["count"],
                acting_user=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your group has co-signed this signal."))
            return redirect(signal)
    return render(request, "signals/cosign.html", {"signal": signal, "form": form}, status=400)


@access(MEMBER)
@require_http_methods(["GET", "POST"])
def signal_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """The signal's group records (or withdraws) the consent of the person concerned to
    publish the anonymised example."""
    user: Any = request.user
    signal = get_signal_for(user, pk)
    if not own_group(user, signal):
        raise PermissionDenied
    withdraw = request.method == "POST" and request.POST.get("action") == "withdraw"
    form = ConsentForm(request.POST if request.method == "POST" and not withdraw else None)
    if withdraw:
        services.withdraw_example_consent(signal, acting_user=user)
        messages.success(request, _("The consent is withdrawn: the example is no longer published."))
        return redirect(signal)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_example_consent(
                signal, on=form.cleaned_data["on"], how=form.cleaned_data["how"], acting_user=user
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The consent is recorded. The secretariat may now publish the example."))
            return redirect(signal)
    return render(request, "signals/consent.html", {"signal": signal, "form": form}, status=_status(form))


@access(MEMBER)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Signals by theme and region over the last twelve months, as a chart and a table."""
    form = OverviewFilterForm(request.GET or None)
    theme = region = None
    if form.is_valid():
        theme, region = form.cleaned_data.get("thema"), form.cleaned_data.get("regio")
    # Our own template's output, cached as a string (figures.cached_overview_html).
    figures_html = figures.cached_overview_html(theme, region)
    context = {"form": form, "figures": mark_safe(figures_html)}  # noqa: S308
    return render(request, "signals/overview.html", context, status=_status(form))


# ---------------------------------------------------------------- the secretariat


@access(SECRETARIAT)
@require_http_methods(["GET", "POST"])
def themes(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_theme(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The theme has been added."))
        return redirect("signals:themes")
    items = Theme.objects.annotate(n=Count("signals"))
    return render(request, "signals/themes.html", {"form": form, "themes": items}, status=_status(form))


@access(SECRETARIAT)
@require_GET
def dossiers(request: HttpRequest) -> HttpResponse:
    page = paginate(request, Dossier.objects.select_related("theme"))
    counts = dict(
        Signal.objects.filter(dossier_id__in=[d.pk for d in page])
        .values("dossier_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("dossier_id", "n")
    )
    for dossier in page:
        dossier.n = counts.get(dossier.pk, 0)  # type: ignore[attr-defined]
    waiting = (
        Signal.objects.filter(status=SignalStatus.CONFIRMED)
        .values("theme__name", "theme_id")
        .annotate(n=Count("pk"), people=Sum("count"))
        .order_by("theme__name")
    )
    return render(
        request,
        "signals/dossiers.html",
        {
            "page": page,
            "waiting": waiting,
            # The longest waiting first; the texts are not shown (nor decrypted).
            "without_feedback": services.without_feedback()
            .select_related("theme", "organisation")
            .defer("description", "example")
            .order_by("created_at")[:50],
        },
    )


@access(SECRETARIAT)
@require_http_methods(["GET", "POST"])
def dossier_new(request: HttpRequest) -> HttpResponse:
    form = DossierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dossier = services.save_dossier(form.save(commit=False), acting_user=request.user)
        return redirect(dossier)
    return render(request, "signals/dossier_form.html", {"form": form}, status=_status(form))


@access(SECRETARIAT)
@require_http_methods(["GET", "POST"])
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier_for(request.user, pk)
    form = DossierForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        services.save_dossier(form.save(commit=False), acting_user=request.user, changed=form.changed_data)
        messages.success(request, _("The dossier has been saved."))
        return redirect(dossier)
    return render(request, "signals/dossier_form.html", {"form": form, "dossier": dossier}, status=_status(form))


def _dossier_forms(dossier: Dossier, data: Any = None, action: str = "") -> dict[str, Any]:
    candidates = Signal.objects.filter(status=SignalStatus.CONFIRMED, theme=dossier.theme).select_related("region")
    inside = dossier.signals.select_related("region")

    def bound(name: str) -> Any:
        return data if action == name else None

    return {
        "add": SignalChoiceForm(bound("add"), queryset=candidates, prefix="add"),
        # One list of the dossier's signals, with two buttons: take out, split off.
        "chosen": SignalChoiceForm(data if action in ("remove", "split") else None, queryset=inside, prefix="chosen"),
        "merge": MergeForm(bound("merge"), dossier=dossier, prefix="merge"),
        "addressee": AddresseeForm(bound("addressee"), prefix="addressee"),
        "examples": ExamplesForm(bound("examples"), dossier=dossier, prefix="examples"),
    }


def _act(request: HttpRequest, dossier: Dossier, action: str, form) -> str:
    """Run ``action``; the message to show. Raises ServiceError when refused."""
    user = request.user
    if action == "add":
        n = services.add_signals(dossier, form.cleaned_data["signals"], acting_user=user)
        return _("%(count)s signals added.") % {"count": n}
    if action == "remove":
        n = services.remove_signals(dossier, form.cleaned_data["signals"], acting_user=user)
        return _("%(count)s signals taken out.") % {"count": n}
    if action == "split":
        title = form.cleaned_data["title"] or dossier.title
        services.split_dossier(dossier, form.cleaned_data["signals"], title=title, acting_user=user)
        return _("The dossier has been split; the new dossier is in the list.")
    if action == "merge":
        services.merge_dossier(dossier, form.cleaned_data["target"], acting_user=user)
        return _("The dossier has been merged.")
    if action == "examples":
        n = services.choose_public_examples(dossier, form.cleaned_data["signals"], acting_user=user)
        return _("%(count)s examples chosen for the public page.") % {"count": n}
    services.add_addressee(dossier, acting_user=user, **form.cleaned_data)
    return _("The addressee has been added.")


FORM_OF = {
    "add": "add",
    "remove": "chosen",
    "split": "chosen",
    "merge": "merge",
    "addressee": "addressee",
    "examples": "examples",
}
SIMPLE_ACTIONS = {"send", "publish", "unpublish", "close", "follow_up", "close_addressee"}


def _simple(request: HttpRequest, dossier: Dossier, action: str) -> str:
    user = request.user
    if action == "send":
        n = services.send_dossier(dossier, acting_user=user)
        return _("The dossier has been sent to %(count)s addressees.") % {"count": n}
    if action in ("publish", "unpublish"):
        services.set_published(dossier, action == "publish", acting_user=user)
        return _("The dossier is public now.") if action == "publish" else _("The dossier is no longer public.")
    if action == "close":
        services.close_dossier(dossier, acting_user=user)
        return _("The dossier has been closed.")
    addressee = (
        Addressee.objects.filter(dossier=dossier, pk=_addressee_id(request) or 0).select_related("dossier").first()
    )
    if addressee is None:
        raise ServiceError(_("Choose an addressee of this dossier."))
    if action == "follow_up":
        services.ask_follow_up(addressee, acting_user=user)
        return _("The addressee has been asked for a follow-up.")
    services.close_addressee(addressee, acting_user=user)
    return _("The addressee's part is closed.")


def _addressee_id(request: HttpRequest) -> int | None:
    from core.inputs import parse_id

    return parse_id(request.POST.get("addressee"))


@access(SECRETARIAT)
@require_http_methods(["GET", "POST"])
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier: its figures, signals, examples and addressees; each change is a form
    that posts here with its ``action``."""
    dossier = get_dossier_for(request.user, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = _dossier_forms(dossier, request.POST if action else None, action)
    status = 200
    if request.method == "POST":
        try:
            if action in FORM_OF:
                form = forms[FORM_OF[action]]
                if not form.is_valid():
                    raise ServiceError(_("Please correct the form below."))
                messages.success(request, _act(request, dossier, action, form))
                return redirect(dossier)
            if action in SIMPLE_ACTIONS:
                messages.success(request, _simple(request, dossier, action))
                return redirect(dossier)
            messages.error(request, _("Unknown action; nothing was changed."))
        except ServiceError as error:
            messages.error(request, str(error))
        status = 400
    signals = list(dossier.signals.select_related("theme", "region", "organisation"))
    return render(
        request,
        "signals/dossier.html",
        {
            "dossier": dossier,
            "forms": forms,
            "figures": figures.dossier_figures(dossier, suppressed=False),
            "signals": signals,
            "addressees": list(dossier.addressees.all()),
            "merged_into": dossier.merged_into,
        },
        status=status,
    )


@access(SECRETARIAT)
@require_GET
def dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier_for(request.user, pk)
    return _pdf(request, dossier, examples=True)


def _pdf(request: HttpRequest, dossier: Dossier, *, examples: bool) -> HttpResponse:
    content = policy_note_pdf(dossier, examples=examples, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dossier-{dossier.pk}.pdf"'
    return response


# ---------------------------------------------------------------- addressees, through their link


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """An addressee reads the dossier, says it has read it, and answers once."""
    return _read_and_answer(request, get_addressee_by_token(token), "signals/answer.html", acting_user=None)


def _read_and_answer(request: HttpRequest, addressee: Any, template: str, *, acting_user: Any) -> HttpResponse:
    """The addressee's page of a dossier, through its link or its account (decision 0026):
    "I have read it", and the answer (again after a follow-up)."""
    dossier = addressee.dossier
    can_answer = addressee.status in (AddresseeStatus.SENT, AddresseeStatus.READ, AddresseeStatus.FOLLOW_UP)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = AnswerForm(request.POST if action == "answer" else None)
    status = 200
    if request.method == "POST":
        try:
            if action == "read":
                services.mark_read(addressee, acting_user=acting_user)
                messages.success(request, _("Thank you: we have noted that you read the dossier."))
                return redirect(request.path)
            if action == "answer" and can_answer and form.is_valid():
                services.answer(addressee, form.cleaned_data["answer"], acting_user=acting_user)
                messages.success(
                    request, _("Thank you for your answer. Everyone who raised these signals will see it.")
                )
                return redirect(request.path)
            if action == "answer" and not can_answer:
                messages.error(request, _("You have answered; the secretariat may ask a follow-up question."))
            elif action != "answer":
                messages.error(request, _("Unknown action; nothing was changed."))
        except ServiceError as error:
            messages.error(request, str(error))
        status = 400
    return render(
        request,
        template,
        {
            "addressee": addressee,
            "dossier": dossier,
            "figures": figures.dossier_figures(dossier),
            "form": form if can_answer else None,
            "can_mark_read": addressee.status in (AddresseeStatus.SENT, AddresseeStatus.FOLLOW_UP),
        },
        status=status,
    )


# ---------------------------------------------------------------- policy recipients' accounts


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def recipient_accept(request: HttpRequest, token: str) -> HttpResponse:
    """A policy recipient makes its account from its invitation (a one-time link): a name and
    a password; the second factor is asked next (``accounts.middleware``)."""
    invitation = get_invitation_by_token(token)
    if not invitation.is_open:
        return render(request, "signals/recipient_gone.html", {"message": services.GONE}, status=410)
    form = RecipientAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_recipient_invitation(
                invitation, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            auth_login(request, user, backend="accounts.backends.EmailBackend")
            messages.success(request, _("Your account is ready. Set up two-step verification to read your dossiers."))
            return redirect("signals:recipient_home")
    return render(
        request, "signals/recipient_accept.html", {"form": form, "email": invitation.email}, status=_status(form)
    )


@access(RECIPIENT)
@require_GET
def recipient_home(request: HttpRequest) -> HttpResponse:
    """A policy recipient's dossiers, with the status of each."""
    addressees = recipient_addressees(request.user).select_related("dossier__theme").order_by("-sent_at", "-pk")
    return render(request, "signals/recipient_home.html", {"page": paginate(request, addressees)})


@access(RECIPIENT)
@require_http_methods(["GET", "POST"])
def recipient_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """A policy recipient reads one of its dossiers, says it has read it and answers (again
    after a follow-up)."""
    addressee = get_recipient_addressee(request.user, pk)
    return _read_and_answer(request, addressee, "signals/recipient_dossier.html", acting_user=request.user)


# ---------------------------------------------------------------- public


@access(PUBLIC)
@require_GET
def published_list(request: HttpRequest) -> HttpResponse:
    items = Dossier.objects.filter(published_at__isnull=False).select_related("theme").order_by("-published_at")
    return render(request, "signals/published_list.html", {"page": paginate(request, items)})


@access(PUBLIC)
@require_GET
def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_published_dossier(pk)
    answered = dossier.addressees.filter(~Q(answer="")).count()
    return render(
        request,
        "signals/published.html",
        {
            "dossier": dossier,
            "figures": figures.dossier_figures(dossier),
            "answered": answered,
            # Chosen by the secretariat and still agreed to: checked in the query.
            "examples": [s.example for s in publishable_examples(dossier).only("example")],
        },
    )


@access(PUBLIC)
@require_GET
def published_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, get_published_dossier(pk), examples=False)
