"""Writes and queries that matter for member groups. Views call these; they stay thin.

One module per part of the app, re-exported here so callers write ``services.<name>``:

- ``directory``: the public directory (filters, nearest first, pages with distances);
- ``figures``: the cached network figures and map, and the directory's cache version;
- ``groups``: a group's record, profile, membership of the network and its people's roles;
- ``invitations``: invitations by e-mail and their acceptance;
- ``applications``: the joining workflow;
- ``dashboard``: the secretariat's overview.
"""

from .applications import (
    answer_information_request,
    application_link,
    approve_application,
    decline_application,
    find_application,
    move_application,
    request_information,
    submit_application,
)
from .dashboard import dashboard_figures, groups_with_counts, recent_changes
from .directory import CARD_FIELDS, Card, DirectoryFilters, directory, directory_page, nearest, with_distances
from .figures import (
    CACHE_SECONDS,
    DIRECTORY_VERSION_KEY,
    compute_figures,
    directory_cache_key,
    invalidate_figures,
    map_points,
    network_summary,
)
from .groups import (
    change_role,
    end_membership,
    leave_group,
    name_taken,
    place_organisation,
    renew_membership,
    set_membership,
    unique_slug,
    update_profile,
    upload_document,
)
from .invitations import accept_invitation, find_invitation, invitation_link, invite_person, revoke_invitation

__all__ = [
    "CACHE_SECONDS",
    "DIRECTORY_VERSION_KEY",
    "DirectoryFilters",
    "accept_invitation",
    "answer_information_request",
    "application_link",
    "CARD_FIELDS",
    "Card",
    "approve_application",
    "change_role",
    "compute_figures",
    "dashboard_figures",
    "decline_application",
    "directory",
    "directory_cache_key",
    "directory_page",
    "end_membership",
    "find_application",
    "find_invitation",
    "groups_with_counts",
    "invalidate_figures",
    "invitation_link",
    "invite_person",
    "leave_group",
    "map_points",
    "move_application",
    "name_taken",
    "nearest",
    "network_summary",
    "place_organisation",
    "recent_changes",
    "renew_membership",
    "request_information",
    "revoke_invitation",
    "set_membership",
    "submit_application",
    "unique_slug",
    "update_profile",
    "upload_document",
    "with_distances",
]
