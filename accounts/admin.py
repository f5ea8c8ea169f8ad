from django.contrib import admin

from core import audit

from .models import User

NETWORK_ROLES = ["is_secretariat", "is_editor", "is_policy_recipient", "is_staff", "is_superuser", "is_active"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Network roles (secretariat, editor, staff) are given here; each change is in the audit log."""

    list_display = ["email", "full_name", "is_secretariat", "is_editor", "is_active"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_secretariat", "is_editor", "is_policy_recipient", "is_active"]
    exclude = ["password"]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = sorted(set(form.changed_data) & set(NETWORK_ROLES))
        if changed:
            audit.record(
                "account.roles_changed", actor=request.user, obj=obj, **{name: getattr(obj, name) for name in changed}
            )
