from django.contrib import admin

from . import services
from .models import Checklist, ChecklistItem, GlossaryTerm, Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """Saves through the service, so the rendered text and the search index follow."""

    list_display = ["title", "chapter", "visibility", "last_checked"]
    list_filter = ["chapter", "visibility"]
    search_fields = ["title"]
    filter_horizontal = ["related", "tags"]

    def save_model(self, request, obj, form, change):
        services.save_page(obj, author=request.user, message="Django admin")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.save_page(form.instance, author=request.user, message="Django admin")

    def delete_model(self, request, obj):
        services.delete_page(obj)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "avoid", "term_fr", "term_en"]
    search_fields = ["term", "avoid"]

    def save_model(self, request, obj, form, change):
        services.save_term(obj)

    def delete_model(self, request, obj):
        services.delete_term(obj)


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1
    autocomplete_fields = ["page"]


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ChecklistItemInline]
