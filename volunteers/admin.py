from django.contrib import admin

from .models import Engagement, Vacancy, Volunteer


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "starts_on", "ends_on", "closed_at"]
    list_filter = ["closed_at"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "municipality", "postal_code", "created_by"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    """Statuses and dates only: the person's details are the groups' business."""

    list_display = ["pk", "organisation", "status", "created_at", "contacted_at", "stopped_at"]
    list_filter = ["status"]
    fields = ("organisation", "status", "created_at", "contacted_at", "activated_at", "stopped_at", "stop_reason")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    """Dates only; people manage their own details through their link or account."""

    list_display = ["pk", "created_at", "erased_at"]
    fields = ("created_at", "erased_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False
