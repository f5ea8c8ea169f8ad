"""Staff repairs only: the public fields of organisations and locations; services are read
here, and changed through the review flow (services.py)."""

from django.contrib import admin

from .models import Organization, Service


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "website", "is_demo")
    search_fields = ("name",)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "status", "verified_at")
    list_filter = ("status",)
    search_fields = ("name",)
    readonly_fields = [f.name for f in Service._meta.concrete_fields] + ["areas"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
