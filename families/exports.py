"""Everything held on a family, for a subject-access request (JSON). The audit rows about
the family are included as codes (who acted is named by account id)."""

from __future__ import annotations

from typing import Any

from core.models import AuditEvent

from .models import Trajectory


def everything(trajectory: Trajectory) -> dict[str, Any]:
    goals = list(trajectory.goals.prefetch_related("steps", "revisions"))
    return {
        "trajectory": {
            "id": trajectory.pk,
            "group": trajectory.organisation.name,
            "pseudonym": trajectory.pseudonym,
            "contact_language": trajectory.contact_language,
            "status": trajectory.status,
            "created_at": trajectory.created_at,
            "closed_at": trajectory.closed_at,
            "bridge_figure": str(trajectory.bridge_figure) if trajectory.bridge_figure else None,
        },
        "members": [
            {
                "first_name": m.first_name,
                "role": m.role,
                "birth_year": m.birth_year,
                "age_band": m.age_band,
                "languages": m.languages,
                "reads_dutch": m.reads_dutch,
                "residence_status": m.residence_status,
            }
            for m in trajectory.members.all()
        ],
        "volunteers": [
            {
                "name": str(a.user),
                "role": a.role,
                "life_domain": a.life_domain,
                "confidentiality_signed_on": a.confidentiality_signed_on,
            }
            for a in trajectory.assignments.select_related("user")
        ],
        "consents": [
            {
                "receiver": str(c.receiver) if c.receiver else c.receiver_organisation,
                "part": c.part,
                "domain": c.domain,
                "bound_only": c.bound_only,
                "how": c.how,
                "given_by": c.given_by,
                "given_on": c.given_on,
                "withdrawn_at": c.withdrawn_at,
            }
            for c in trajectory.consents.select_related("receiver")
        ],
        "network_map": [
            {
                "domain": e.domain,
                "own_label": e.own_label,
                "skipped": e.skipped,
                "goes_well": e.goes_well,
                "less_well": e.less_well,
                "help_needed": e.help_needed,
                "actors": [
                    {"kind": a.kind, "name": a.name, "support": a.support, "quality": a.quality} for a in e.actors.all()
                ],
            }
            for e in trajectory.domains.prefetch_related("actors")
        ],
        "network_map_history": [
            {"domain": m.domain, "taken_at": m.taken_at, "as_it_was": m.payload} for m in trajectory.map_snapshots.all()
        ],
        "action_plan": [
            {
                "domain": g.domain,
                "what": g.what,
                "how": g.how,
                "by_date": g.by_date,
                "by_term": g.by_term,
                "supporters": g.supporters,
                "translation": g.translation,
                "reached_at": g.reached_at,
                "steps": [{"text": s.text, "done_at": s.done_at} for s in g.steps.all()],
                "history": [{"changed_at": r.changed_at, "before": r.snapshot} for r in g.revisions.all()],
            }
            for g in goals
        ],
        "contacts": [
            {"on": c.on, "kind": c.kind, "note": c.note, "goals": [g.pk for g in c.goals.all()]}
            for c in trajectory.contacts.prefetch_related("goals")
        ],
        "referrals": [
            {
                "goal": r.goal_id,
                "service": r.service_name,
                "introduction": r.introduction,
                "message": r.message,
                "shared": sorted(r.shares.values_list("field", flat=True)),
                "consent": {"how": r.consent_how, "given_by": r.consent_given_by, "given_on": r.consent_given_on},
                "status": r.status,
                "refusal_reason": r.refusal_reason,
                "outcome": r.outcome,
                "created_at": r.created_at,
            }
            for r in trajectory.referrals.all()  # type: ignore[attr-defined]
        ],
        "meetings": [
            {
                "starts_at": m.starts_at,
                "place": m.place,
                "online_link": m.online_link,
                "domains": m.domains,
                "interpreting": m.interpreting,
                "interpreting_note": m.interpreting_note,
                "sensitive_topic": m.sensitive_topic,
                "report_shared_at": m.report_shared_at,
                "family_confirmed_at": m.family_confirmed_at,
                "family_correction": m.family_correction,
                "invitees": [
                    {
                        "name": i.name or (str(i.user) if i.user else ""),
                        "is_family": i.is_family,
                        "attended": i.attended,
                    }
                    for i in m.invitees.all()
                ],
                "report": [{"item": a.title, "said": a.said, "decided": a.decided} for a in m.items.all()],
            }
            for m in trajectory.meetings.prefetch_related("invitees__user", "items")
        ],
        "guest_professionals": [
            {
                "name": str(g.user),
                "profession": g.profession,
                "invited_at": g.invited_at,
                "accepted_at": g.accepted_at,
                "ends_on": g.ends_on,
                "revoked_at": g.revoked_at,
            }
            for g in trajectory.guests.select_related("user")  # type: ignore[attr-defined]
        ],
        "interpreter_requests": [
            {
                "starts_at": r.starts_at,
                "place": r.place,
                "language": r.language,
                "topic": r.topic,
                "sensitivity": r.sensitivity,
                "status": r.status,
                "interpreter": str(r.interpreter) if r.interpreter else None,
                "social_interpreter_booked_by": r.social_booked_by,
            }
            for r in trajectory.interpreter_requests.select_related("interpreter")  # type: ignore[attr-defined]
        ],
        "closing_conversation": _closing(trajectory),
        "audit": [
            {"at": e.at, "action": e.action, "part": e.part, "actor": e.actor_id, "role": e.actor_role}
            for e in AuditEvent.objects.filter(
                object_type=Trajectory._meta.label_lower, object_id=trajectory.pk
            ).order_by("pk")
        ],
    }


def _closing(trajectory: Trajectory) -> dict[str, Any] | None:
    closing = getattr(trajectory, "closing", None)
    if closing is None:
        return None
    return {"held_on": closing.held_on, "reached": closing.reached, "advice": closing.advice}
