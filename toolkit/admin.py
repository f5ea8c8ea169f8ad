from django.contrib import admin

from . import search, services
from .models import Answer, Checklist, ChecklistItem, GlossaryTerm, Page, Question, Synonym


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

    def delete_queryset(self, request, queryset):
        for term in queryset:
            services.delete_term(term)


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Saves through the service, so the search uses the change at once."""

    list_display = ["term", "synonyms", "updated_at"]
    search_fields = ["term", "synonyms"]

    def save_model(self, request, obj, form, change):
        services.save_synonym(obj)

    def delete_model(self, request, obj):
        services.delete_synonym(obj)

    def delete_queryset(self, request, queryset):
        for synonym in queryset:
            services.delete_synonym(synonym)


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1
    autocomplete_fields = ["page"]


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ChecklistItemInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """For moderation: removing a question also removes it (and its answers) from search."""

    list_display = ["title", "life_domain", "author", "created_at"]
    list_filter = ["life_domain"]
    search_fields = ["title"]
    readonly_fields = ["author", "created_at", "accepted_answer"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search.index_question(obj)

    def delete_model(self, request, obj):
        services.delete_question(obj)

    def delete_queryset(self, request, queryset):
        for question in queryset:
            services.delete_question(question)


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "author", "created_at"]
    readonly_fields = ["question", "author", "created_at"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search.index_answer(obj)

    def delete_model(self, request, obj):
        services.delete_answer(obj)

    def delete_queryset(self, request, queryset):
        for answer in queryset:
            services.delete_answer(answer)
