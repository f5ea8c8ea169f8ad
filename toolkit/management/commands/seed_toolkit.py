"""Demo pages for every topic of the Toolkit (DOMAIN.md §3) and the glossary (§2).

Idempotent: pages and terms are matched by slug; running it twice changes nothing, and a
page an editor has changed since (a different text) is left alone. Existing pages are
rendered again, so an improvement to the Markdown renderer reaches them."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from organisations.management.commands.seed_demo import DEMO_PASSWORD, DOMAIN
from toolkit import services
from toolkit.demo_content import CHECKLIST, GLOSSARY, PAGES
from toolkit.models import Checklist, ChecklistItem, GlossaryTerm, Page


class Command(BaseCommand):
    help = "Create the demo Toolkit pages and glossary terms (Demotekst). Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        created = 0
        pages: dict[str, Page] = {}
        for item in PAGES:
            page = Page.objects.filter(slug=item["slug"]).first()
            if page is not None:
                services.refresh_rendering(page)  # the renderer may have improved since
            else:
                page = Page(slug=item["slug"])
                page.title, page.chapter, page.position = item["title"], item["chapter"], item["position"]
                page.summary, page.body, page.visibility = item["summary"], item["body"], item["visibility"]
                page.last_checked = item["last_checked"]
                services.save_page(page, message="Demotekst", life_domains=item["domains"], people=item["people"])
                created += 1
            pages[item["slug"]] = page
        for item in PAGES:
            page = pages[item["slug"]]
            page.related.add(*[pages[s] for s in item["related"] if s in pages])  # adding twice is a no-op
        for fields in GLOSSARY:
            if not GlossaryTerm.objects.filter(term=fields["term"]).exists():
                services.save_term(GlossaryTerm(**fields))
                created += 1
        if not Checklist.objects.filter(slug=CHECKLIST["slug"]).exists():
            # Created once; an editor's later changes to it are left alone.
            checklist = Checklist.objects.create(
                slug=CHECKLIST["slug"], title=CHECKLIST["title"], intro=CHECKLIST["intro"]
            )
            ChecklistItem.objects.bulk_create(
                ChecklistItem(checklist=checklist, position=n, text=text, deadline=deadline, page=pages.get(slug))
                for n, (text, deadline, slug) in enumerate(CHECKLIST["items"], start=1)
            )
            created += 1
        editor = User.objects.filter(email=f"redactie@{DOMAIN}").first()
        if editor is None:
            editor = User.objects.create_user(
                f"redactie@{DOMAIN}", DEMO_PASSWORD, full_name="Redactie Toolkit", is_editor=True
            )
        self.stdout.write(f"Toolkit: {created} demo pages and terms created.")
        self.stdout.write(f"  Toolkit editor: redactie@{DOMAIN} (password: {DEMO_PASSWORD})")
