"""Staff repairs only: themes may be renamed or retired here (each change audited); signals,
dossiers and addressees are read-only, since their statuses, links and answers belong to the
services and the audit log."""

from django.contrib import admin

from core import audit

from .models import Addressee, Dossier, Signal, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record("theme.changed" if change else "theme.created", actor=request.user, obj=obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Signal)
class SignalAdmin(ReadOnly):
    list_display = ["pk", "organisation", "theme", "status", "created_at"]
    list_filter = ["status", "theme"]
    exclude = ["description", "example"]


@admin.register(Dossier)
class DossierAdmin(ReadOnly):
    list_display = ["title", "theme", "status", "published_at"]
    list_filter = ["status"]


@admin.register(Addressee)
class AddresseeAdmin(ReadOnly):
    list_display = ["name", "kind", "dossier", "status"]
    list_filter = ["status", "kind"]
    exclude = ["token_hash"]
