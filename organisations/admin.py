"""The Django admin is for staff repairs, not a second way round the services: what the
services own (statuses, slugs the caches and links use, coordinates, dates, tokens) is
read-only here, saves go through the same steps as the pages, and nothing that carries
history is deleted here."""

from django.contrib import admin

from core import audit

from . import services
from .models import MembershipApplication, NetworkDocument, Organisation, OrganisationMember


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """A save places the group from its postcode, refreshes the figures and the directory's
    cache, and writes an audit row. The membership status changes on the group's page
    (``services.set_membership``); groups are added by approval or import."""

    list_display = ["name", "municipality", "status", "member_since"]
    list_filter = ["status", "legal_form"]
    search_fields = ["name"]
    raw_id_fields = ["municipality", "postal_code"]
    filter_horizontal = ["activities"]
    exclude = ["area_served"]
    readonly_fields = ["slug", "status", "member_since", "latitude", "longitude", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        services.place_organisation(obj)
        super().save_model(request, obj, form, change)
        services.invalidate_figures()
        audit.record("organisation.changed_in_admin", actor=request.user, obj=obj, fields=sorted(form.changed_data))

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):
    """View only: roles and removals go through the people page (never the last coordinator)."""

    list_display = ["user", "organisation", "role", "joined_at", "left_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "organisation"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    """Staff may correct what a group typed; the review itself happens on the secretariat's page."""

    list_display = ["group_name", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["group_name"]
    raw_id_fields = ["municipality", "postal_code"]
    exclude = ["area_served", "accepted_documents"]
    readonly_fields = ["status", "decided_at", "organisation", "submission_key", "language", "submitted_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NetworkDocument)
class NetworkDocumentAdmin(admin.ModelAdmin):
    """Applications refer to the documents they accepted: documents are never deleted."""

    list_display = ["title", "kind", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
