"""Staff repairs only (see organisations/admin.py): the people's details are theirs and the
groups'; statuses, dates and the vacancy's place belong to the services."""

from django.contrib import admin

from core import audit

from . import coordination, matching
from .models import Engagement, Vacancy, Volunteer


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    """A save or delete updates the matching at once and writes an audit row; closing a
    vacancy happens on the group's page."""

    list_display = ["title", "organisation", "starts_on", "ends_on", "closed_at"]
    list_filter = ["closed_at"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "municipality", "postal_code"]
    readonly_fields = ["closed_at", "created_by", "created_at", "updated_at", "latitude", "longitude"]

    def save_model(self, request, obj, form, change):
        if obj.postal_code is not None:
            coordination.save_vacancy(obj, postal_code=obj.postal_code, acting_user=request.user)
            return
        super().save_model(request, obj, form, change)
        matching.invalidate()
        audit.record("vacancy.changed", actor=request.user, obj=obj)

    def delete_model(self, request, obj):
        coordination.delete_vacancy(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for vacancy in queryset:
            coordination.delete_vacancy(vacancy, acting_user=request.user)

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    """Statuses and dates only, read-only: the person's details are the groups' business."""

    list_display = ["pk", "organisation", "status", "created_at", "contacted_at", "stopped_at"]
    list_filter = ["status"]
    fields = ("organisation", "status", "created_at", "contacted_at", "activated_at", "stopped_at", "stop_reason")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    """Dates only; people manage their own details through their link or account, and erase
    themselves there (which keeps the groups' counts): no delete here."""

    list_display = ["pk", "created_at", "erased_at"]
    fields = ("created_at", "erased_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
