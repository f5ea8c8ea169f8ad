"""The social map's rows of the access matrix (core/tests/roles.py explains the format).

The public entry is for everyone; the members' layer (notes, contact persons) and proposals
are for members with rights, the editors and the secretariat; decisions are the editors'.
A person of a group that left the network (FORMER) is refused as any account holder is."""

from __future__ import annotations

from core.tests.roles import EDITOR, EDITORS, MEMBERS, PUBLIC, SEC, VOL, allowed_or, logged_in, row
from socialmap import services
from socialmap.models import ImportJob
from socialmap.tests.factories import make_service

EDITOR_ACTION_GET = {**logged_in(403), EDITOR: 405, SEC: 405}


def urls(people) -> dict:
    published = make_service("Juridische eerste lijn")
    proposed = make_service("Nieuw inloophuis", publish=False, proposed_by=people.volunteer)
    change = services.propose_change(published, {"hours": "ma 9-12"}, author=people.volunteer)
    token = services.make_link(published, editor=people.editor)
    job = ImportJob.objects.create(user=people.editor, file_name="export.json", rows_total=1)
    return {
        "api:hsds_services": row("/api/v1/hsds/services", PUBLIC),
        "api:hsds_service": row(f"/api/v1/hsds/services/{published.pk}", PUBLIC),
        "api:hsds_organizations": row("/api/v1/hsds/organizations", PUBLIC),
        "api:services_near": row("/api/v1/services?near=2800&domain=housing", PUBLIC),
        "socialmap:search": row("/sociale-kaart/?q=juridisch&near=2800", PUBLIC),
        "socialmap:service": row(f"/sociale-kaart/{published.pk}/", PUBLIC),
        # A proposal is seen by its author and the editors only.
        "socialmap:propose": row("/sociale-kaart/nieuw/", MEMBERS, MEMBERS),
        "socialmap:change": row(f"/sociale-kaart/{published.pk}/wijzigen/", MEMBERS, MEMBERS),
        # An empty note or contact comes back with its message (200).
        "socialmap:note": row(f"/sociale-kaart/{published.pk}/notities/", allowed_or(MEMBERS, 405), MEMBERS),
        "socialmap:contact": row(f"/sociale-kaart/{published.pk}/contactpersonen/", allowed_or(MEMBERS, 405), MEMBERS),
        # An empty upload comes back with its message (200).
        "socialmap:import": row("/sociale-kaart/importeren/", EDITORS, EDITORS),
        # An import job: any editor and the secretariat follow it; read only.
        "socialmap:import_job": row(f"/sociale-kaart/importeren/{job.pk}/", EDITORS, EDITOR_ACTION_GET),
        "socialmap:review": row("/sociale-kaart/nalezen/", EDITORS),
        "socialmap:review_service": row(f"/sociale-kaart/nalezen/diensten/{proposed.pk}/", EDITORS, EDITORS),
        "socialmap:review_change": row(f"/sociale-kaart/nalezen/wijzigingen/{change.pk}/", EDITORS, EDITORS),
        "socialmap:verify": row(
            f"/sociale-kaart/{published.pk}/nagekeken/", EDITOR_ACTION_GET, {**logged_in(403), EDITOR: 302, SEC: 302}
        ),
        "socialmap:make_link": row(
            f"/sociale-kaart/{published.pk}/link/", EDITOR_ACTION_GET, {**logged_in(403), EDITOR: 200, SEC: 200}
        ),
        # The link is the key: whoever holds it updates that one entry (an empty form: 200).
        "socialmap:update": row(f"/sociale-kaart/bijwerken/{token}/", PUBLIC, PUBLIC),
        "socialmap:service [a proposal]": row(
            f"/sociale-kaart/{proposed.pk}/", {**allowed_or(PUBLIC, 404), VOL: 200, EDITOR: 200, SEC: 200}
        ),
    }
