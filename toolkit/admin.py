from django.contrib import admin

from core import audit

from . import search, services
from .models import Answer, Checklist, ChecklistItem, GlossaryTerm, Page, Question, Synonym


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """Saves through the service, so the rendered text and the search index follow."""

    list_display = ["title", "chapter", "visibility", "last_checked"]
    list_filter = ["chapter", "visibility"]
    search_fields = ["title"]
    filter_horizontal = ["related", "tags"]

    readonly_fields = ["created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The slug is the page's address (links, search results, the PDF's name).
        return [*self.readonly_fields, "slug"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        services.save_page(obj, author=request.user, message="Django admin")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.save_page(form.instance, author=request.user, message="Django admin")
        audit.record("toolkit.page_saved_in_admin", actor=request.user, obj=form.instance)

    def delete_model(self, request, obj):
        services.delete_page(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for page in queryset:
            services.delete_page(page, acting_user=request.user)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "avoid", "term_fr", "term_en"]
    search_fields = ["term", "avoid"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        services.save_term(obj)
        audit.record("toolkit.term_saved_in_admin", actor=request.user, obj=obj)

    def delete_model(self, request, obj):
        services.delete_term(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for term in queryset:
            services.delete_term(term, acting_user=request.user)


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Saves through the service, so the search uses the change at once."""

    list_display = ["term", "synonyms", "updated_at"]
    search_fields = ["term", "synonyms"]

    def save_model(self, request, obj, form, change):
        services.save_synonym(obj, acting_user=request.user)

    def delete_model(self, request, obj):
        services.delete_synonym(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for synonym in queryset:
            services.delete_synonym(synonym, acting_user=request.user)


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
        services.delete_question(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for question in queryset:
            services.delete_question(question, acting_user=request.user)


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "author", "created_at"]
    readonly_fields = ["question", "author", "created_at"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search.index_answer(obj)

    def delete_model(self, request, obj):
        services.delete_answer(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for answer in queryset:
            services.delete_answer(answer, acting_user=request.user)
