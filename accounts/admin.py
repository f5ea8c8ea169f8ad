from django.contrib import admin

from .models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_secretariat", "is_editor", "is_active"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_secretariat", "is_editor", "is_active"]
    exclude = ["password"]
