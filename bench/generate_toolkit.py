"""Generate a large Toolkit for the search benchmark (bench/run_search.py).

Default size: 10,000 Toolkit pages (two thirds members-only) and "ask the network" with
20,000 questions and 30,000 answers, in Dutch, built from a fixed list of sentences with
varied words so that ranking has something to rank. Rows are written with bulk_create;
then the search index is built the way toolkit/search.py keeps it: on SQLite, rows in
the FTS5 table ``toolkit_search`` (kind, ref, title, body) with the same title and text
as ``index_page`` / ``index_question`` / ``index_answer``, inserted in bulk; on PostgreSQL
the stored ``search_vector`` of every page, question and answer, one UPDATE per kind
(``search.refresh_vectors``, the SQL the services use for one row).

It uses its own databases, so the directory benchmark's data stays as it is:

    DATABASE_URL=sqlite:///$PWD/var/bench/toolkit.sqlite3 .venv/bin/python bench/generate_toolkit.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_toolkit .venv/bin/python bench/generate_toolkit.py

It does nothing when the data is already there (the member account marks it).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'toolkit.sqlite3'}"
MEMBER_EMAIL = "lid@bench-toolkit.gastvrij.test"
AUTHOR_DOMAIN = "bench-toolkit.gastvrij.test"
BATCH = 2000

# Sentences with {slots}; each slot is filled from WORDS, so the texts differ in their words.
SENTENCES = [
    "Wie een woning huurt, betaalt meestal een {waarborg} van twee of drie maanden huur.",
    "Het {ocmw} kan de {waarborg} voorschieten wanneer de huurder die niet zelf kan betalen.",
    "Een erkende vluchteling heeft vaak recht op een {leefloon} zolang er geen werk is.",
    "De {aanvraag} voor het {leefloon} gebeurt bij het {ocmw} van de gemeente waar je woont.",
    "Het {inburgering}straject bestaat uit een cursus maatschappelijke oriëntatie en lessen Nederlands.",
    "Voor de {inburgering} meld je je aan bij het agentschap Integratie en Inburgering.",
    "Kinderen moeten ingeschreven worden in een {school} in de buurt, liefst voor het nieuwe schooljaar.",
    "Een {school} vraagt soms een bewijs van adres of een attest van de vorige school.",
    "Bij de VDAB kan je je inschrijven als werkzoekende en een {opleiding} volgen.",
    "Zonder diploma-erkenning is {werk} vinden moeilijker, maar een {opleiding} helpt.",
    "Een huisarts en een ziekenfonds zijn nodig om de kosten van {gezondheid} terug te krijgen.",
    "Voor dringende medische hulp kan je altijd naar de {gezondheid}sdienst van het {ocmw}.",
    "De {huurcontract}en moeten geregistreerd worden, anders kan de huurder vroeger opzeggen.",
    "Een {woning} zoeken is lastig: veel verhuurders vragen een loonfiche of een {waarborg}.",
    "Het Huurwaarborgfonds en het {ocmw} werken samen om een {waarborg} te waarborgen.",
    "Vrijwilligers helpen bij de {aanvraag} van een {woning} bij een sociale huisvestingsmaatschappij.",
    "Met een {leefloon} kan je ook een installatiepremie krijgen bij de eerste {woning}.",
    "Wie werkt, verliest een deel van het {leefloon}, maar er bestaat een vrijstelling voor het eerste jaar.",
    "De groep organiseert een taalcafé waar nieuwkomers Nederlands oefenen met buren.",
    "Ouders krijgen groeipakket voor hun kinderen; de {aanvraag} gebeurt bij een uitbetaler.",
    "Schulden ontstaan vaak door achterstallige huur of facturen van energie en water.",
    "Een budgetbegeleider van het {ocmw} helpt om de rekeningen op tijd te betalen.",
    "Bij gezinshereniging moet de gezinsleden een {woning} met voldoende ruimte hebben.",
    "De stad biedt een onthaalbureau waar je vragen over {inburgering} en {werk} kan stellen.",
    "Een sociaal tolk kan mee naar het {ocmw}, de {school} of de huisarts.",
]
WORDS = {
    "waarborg": ["huurwaarborg", "huurwaarborg", "huurwaarborgen", "waarborg", "borg", "bankwaarborg"],
    "ocmw": ["OCMW", "OCMW", "sociaal huis", "OCMW-kantoor", "maatschappelijk werker"],
    "leefloon": ["leefloon", "leefloon", "equivalent leefloon", "steunbedrag", "uitkering"],
    "aanvraag": ["aanvraag", "aanvragen", "dossier", "vraag", "inschrijving"],
    "inburgering": ["inburgering", "inburgering", "integratie", "oriëntatie"],
    "school": ["school", "basisschool", "secundaire school", "onthaalklas", "kinderopvang"],
    "opleiding": ["opleiding", "beroepsopleiding", "stage", "taalcursus", "traject"],
    "werk": ["werk", "een job", "tewerkstelling", "interimwerk", "artikel 60"],
    "gezondheid": ["gezondheid", "medische", "dringende medische hulp", "geestelijke gezondheid"],
    "huurcontract": ["huurcontract", "huurovereenkomst", "contract"],
    "woning": ["woning", "huurwoning", "studio", "appartement", "sociale woning", "kamer"],
}
TITLE_TOPICS = [
    "Huurwaarborg betalen",
    "Een woning zoeken",
    "Leefloon aanvragen",
    "Inburgering en Nederlands",
    "Kinderen naar school",
    "Werk zoeken en VDAB",
    "Ziekenfonds en huisarts",
    "Schulden en budget",
    "Gezinshereniging",
    "Het OCMW",
    "Sociale huisvesting",
    "Groeipakket",
    "Taalcafé en buren",
    "Diploma-erkenning",
]
TITLE_PLACES = ["in Antwerpen", "in Gent", "in Brussel", "in Leuven", "in Mechelen", "in Hasselt", "op het platteland"]
QUESTION_STARTS = [
    "Hoe regel ik",
    "Wie weet iets over",
    "Vraag over",
    "Help nodig bij",
    "Ervaring met",
    "Wat doen jullie met",
]
LIFE_DOMAINS = ["housing", "finances", "integration", "education", "work", "health", "parenting"]


def sentence(rng: random.Random) -> str:
    text = rng.choice(SENTENCES)
    for slot, options in WORDS.items():
        while "{" + slot + "}" in text:
            text = text.replace("{" + slot + "}", rng.choice(options), 1)
    return text


def paragraph(rng: random.Random, low: int, high: int) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def page_markdown(rng: random.Random) -> str:
    """About 250-450 words: an introduction and three sections of two paragraphs."""
    parts = [paragraph(rng, 3, 5)]
    for _ in range(3):
        parts.append(f"## {rng.choice(TITLE_TOPICS)}")
        parts += [paragraph(rng, 2, 4), paragraph(rng, 2, 4)]
    return "\n\n".join(parts)


def generate_toolkit(pages: int = 10_000, questions: int = 20_000, answers: int = 30_000, seed: int = 8) -> bool:
    """Write the data set and its search index; returns False when it was already there."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from accounts.models import User
    from organisations.models import MembershipStatus, Organisation, OrganisationMember, Role
    from places.models import PostalCode
    from toolkit import search
    from toolkit.models import Answer, Chapter, Page, Question, Visibility
    from toolkit.rendering import render

    if User.objects.filter(email=MEMBER_EMAIL).exists():
        return False
    rng = random.Random(seed)  # the same data set on every machine and backend
    started = time.perf_counter()
    now = timezone.now()
    chapters = list(Chapter.values)
    with transaction.atomic():
        # ---- a few authors and one member group, so "a logged-in member" is a real member
        authors = [User(email=f"auteur{i}@{AUTHOR_DOMAIN}", full_name=f"Auteur {i}", password="!") for i in range(50)]
        User.objects.bulk_create(authors, batch_size=BATCH)
        author_ids = list(User.objects.filter(email__endswith=f"@{AUTHOR_DOMAIN}").values_list("pk", flat=True))
        pc = PostalCode.objects.filter(code="2800").select_related("municipality").first()
        pc = pc or PostalCode.objects.select_related("municipality").first()
        org = Organisation.objects.create(
            name="Toolkit Bench Groep",
            slug="toolkit-bench-groep",
            legal_form="vzw",
            municipality_id=pc.municipality_id,
            postal_code=pc,
            latitude=pc.latitude,
            longitude=pc.longitude,
            status=MembershipStatus.MEMBER,
        )

        # ---- pages: rendered with the app's renderer (HTML, plain text for search, headings)
        page_rows, seen = [], set()
        for i in range(pages):
            title = f"{rng.choice(TITLE_TOPICS)} {rng.choice(TITLE_PLACES)} ({i + 1})"
            slug = slugify(title)[:200]
            while slug in seen:
                slug = f"{slug}-x"
            seen.add(slug)
            body = page_markdown(rng)
            rendered = render(body)
            page_rows.append(
                Page(
                    title=title,
                    slug=slug,
                    chapter=rng.choice(chapters),
                    position=i % 50,
                    summary=sentence(rng)[:300],
                    body=body,
                    body_html=rendered.html,
                    body_text=rendered.text,
                    toc=rendered.toc,
                    visibility=Visibility.PUBLIC if i % 3 == 0 else Visibility.MEMBERS,
                )
            )
        Page.objects.bulk_create(page_rows, batch_size=500)

        # ---- questions and answers
        Question.objects.bulk_create(
            [
                Question(
                    title=f"{rng.choice(QUESTION_STARTS)} {rng.choice(TITLE_TOPICS).lower()}?",
                    body=paragraph(rng, 1, 3),
                    life_domain=rng.choice(LIFE_DOMAINS),
                    author_id=rng.choice(author_ids),
                    created_at=now,
                )
                for _ in range(questions)
            ],
            batch_size=BATCH,
        )
        question_ids = list(Question.objects.order_by("pk").values_list("pk", flat=True))
        Answer.objects.bulk_create(
            [
                Answer(
                    question_id=rng.choice(question_ids),
                    body=paragraph(rng, 1, 4),
                    author_id=rng.choice(author_ids),
                    created_at=now,
                )
                for _ in range(answers)
            ],
            batch_size=BATCH,
        )

        # ---- the search index, as index_page / index_question / index_answer write it
        for kind in ("page", "question", "answer"):
            search.refresh_vectors(kind)  # PostgreSQL: the stored vectors; a no-op on SQLite
        if connection.vendor == "sqlite":
            rows = [("page", pk, t, b) for pk, t, b in Page.objects.values_list("pk", "title", "body_text")]
            rows += [("question", pk, t, b) for pk, t, b in Question.objects.values_list("pk", "title", "body")]
            rows += [("answer", pk, t, b) for pk, t, b in Answer.objects.values_list("pk", "question__title", "body")]
            sql = f"INSERT INTO {search.FTS_TABLE} (kind, ref, title, body) VALUES (%s, %s, %s, %s)"  # noqa: S608
            with connection.cursor() as cursor:
                for start in range(0, len(rows), BATCH):
                    cursor.executemany(sql, rows[start : start + BATCH])

        # The member last: its presence means "the data set is complete".
        member = User.objects.create(email=MEMBER_EMAIL, full_name="Lid Toolkit", password="!")
        OrganisationMember.objects.create(organisation=org, user=member, role=Role.VOLUNTEER, joined_at=now)
    print(
        f"generated {pages} pages, {questions} questions, {answers} answers "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})"
    )
    return True


def prepare(pages: int = 10_000, questions: int = 20_000, answers: int = 30_000) -> str:
    """Create, migrate and fill the database named by DATABASE_URL (default: var/bench/toolkit.sqlite3)."""
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_SQLITE_URL)
    generate.ensure_database(url)
    generate.setup_django()
    generate.migrate()
    generate_toolkit(pages, questions, answers)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--answers", type=int, default=30_000)
    args = parser.parse_args()
    url = prepare(args.pages, args.questions, args.answers)
    print(f"database ready: {url}")


if __name__ == "__main__":
    main()
