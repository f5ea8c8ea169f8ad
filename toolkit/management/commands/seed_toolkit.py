"""Demo pages for every topic of the Toolkit and the glossary (docs/architecture.md, "The domain").

Idempotent: pages and terms are matched by slug; running it twice changes nothing, and a
page an editor has changed since (a different text) is left alone. Existing pages are
rendered again, so an improvement to the Markdown renderer reaches them."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from core.management import refuse_outside_development
from organisations.management.commands.seed_demo import DEMO_PASSWORD, DOMAIN
from toolkit import services
from toolkit.demo_content import CHECKLIST, GLOSSARY, PAGES, SYNONYMS
from toolkit.models import Checklist, ChecklistItem, GlossaryTerm, Page, Question, Synonym

# Demo questions for "ask the network" (Demotekst): (asker, life domain, title, body,
# [(answerer, answer)], index of the answer that helped or None). People from seed_demo.
QUESTIONS = [
    (
        "coordinator.gent",
        "housing",
        "Wie schiet de huurwaarborg voor bij een erkend vluchteling?",
        "Een gezin dat net erkend is, vindt een appartement in Gent, maar heeft geen geld voor de "
        "huurwaarborg. Welke mogelijkheden hebben jullie gebruikt? (Demotekst)",
        [
            (
                "coordinator.wim",
                "Vraag bij het OCMW een waarborg via een bankgarantie of een waarborgbrief aan: dan hoeft "
                "het gezin het bedrag niet meteen zelf op te leggen. Bij ons lukte dat binnen twee weken.",
            ),
            (
                "coordinator.vlos",
                "Sommige groepen geven een kleine renteloze lening, terug te betalen op eigen tempo. Kijk "
                "ook naar Op de Spiegel in de groepenlijst.",
            ),
        ],
        0,
    ),
    (
        "an.peeters.wim",
        "education",
        "Huiswerkbegeleiding: hoe spreken jullie af met de school?",
        "We starten met huiswerkbegeleiding voor kinderen in het OKAN. Hoe houden jullie contact met "
        "de leerkrachten zonder dat het te zwaar wordt voor de vrijwilligers? (Demotekst)",
        [
            (
                "coordinator.merchtem",
                "Eén vaste contactpersoon per school, en een kort overleg per trimester met de "
                "zorgleerkracht. De vrijwilligers zelf hoeven de school niet te bellen.",
            )
        ],
        None,
    ),
    (
        "coordinator.aalst",
        "health",
        "Tolk nodig voor een huisartsbezoek: wat doen jullie?",
        "Een jonge nieuwkomer spreekt alleen Dari. De huisarts vraagt een tolk. Hoe lossen jullie "
        "dat op als de sociale tolkendienst niet kan? (Demotekst)",
        [],
        None,
    ),
]


class Command(BaseCommand):
    help = "Create the demo Toolkit pages, glossary terms and synonyms (Demotekst). Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        refuse_outside_development("seed_toolkit")
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
        for term, synonyms in SYNONYMS:
            if not Synonym.objects.filter(term=term).exists():  # an editor's later changes stay
                services.save_synonym(Synonym(term=term, synonyms=synonyms))
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
        created += self._questions()
        editor = User.objects.filter(email=f"redactie@{DOMAIN}").first()
        if editor is None:
            editor = User.objects.create_user(
                f"redactie@{DOMAIN}", DEMO_PASSWORD, full_name="Redactie Toolkit", is_editor=True
            )
        self.stdout.write(f"Toolkit: {created} demo pages, terms, checklists and questions created.")
        self.stdout.write(f"  Toolkit editor: redactie@{DOMAIN} (password: {DEMO_PASSWORD})")

    def _questions(self) -> int:
        """Demo questions and answers, asked by the demo people (skipped when seed_demo has not run)."""
        created = 0
        for asker, domain, title, body, answers, helped in QUESTIONS:
            author = User.objects.filter(email=f"{asker}@{DOMAIN}").first()
            if author is None or Question.objects.filter(title=title).exists():
                continue
            question = services.ask_question(author=author, title=title, body=body, life_domain=domain)
            given = []
            for answerer, text in answers:
                who = User.objects.filter(email=f"{answerer}@{DOMAIN}").first()
                if who is not None:
                    given.append(services.answer_question(question, author=who, body=text))
            if helped is not None and helped < len(given):
                services.accept_answer(given[helped], user=author)
            created += 1
        return created
