from django.contrib import admin

from .models import MembershipApplication, NetworkDocument, Organisation, OrganisationMember


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "status", "member_since"]
    list_filter = ["status", "legal_form"]
    search_fields = ["name"]
    raw_id_fields = ["municipality", "postal_code"]
    filter_horizontal = ["activities"]
    exclude = ["area_served"]


@admin.register(OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "joined_at", "left_at"]
    raw_id_fields = ["user", "organisation"]


admin.site.register(MembershipApplication)
admin.site.register(NetworkDocument)
