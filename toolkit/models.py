"""The Toolkit (handbook for the member groups): pages in chapters, tagged by life domain
(levensdomein) and by the people concerned, rendered from Markdown."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Chapter(models.TextChoices):
    """The handbook's structure (docs/architecture.md, "The domain"). Values are stable; labels are translated."""

    BACKGROUND = "background", _("Chapter 1: Background")
    SOCIAL_ROLE = "social-role", _("Chapter 2: Social role of the volunteer groups")
    HOMEWORK = "homework", _("Chapter 3: Homework after recognition")
    SUPPLEMENTS = "supplements", _("Supplements")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the network only")


# The 10 life domains (levensdomeinen) of a family's network map, in the network's order.
LIFE_DOMAINS = {
    "volunteer-support": _("Support by the local volunteer group"),
    "work": _("Work and training"),
    "parenting": _("Parenting (opvoeding)"),
    "housing": _("Housing (wonen)"),
    "education": _("Education and childcare"),
    "integration": _("Integration and civic integration (inburgering)"),
    "health": _("Health and wellbeing"),
    "informal-network": _("Informal network (family, friends, neighbours)"),
    "leisure": _("Leisure (vrije tijd)"),
    "finances": _("Finances, debts and administration"),
}

# The people a page is about (docs/architecture.md, "The domain").
PEOPLE_CONCERNED = {
    "recognised-refugee": _("Recognised refugees"),
    "subsidiary-protection": _("Subsidiary protection"),
    "asylum-seeker": _("Asylum seekers (verzoekers internationale bescherming)"),
    "without-residence": _("People without legal residence"),
    "unaccompanied-minor": _("Unaccompanied minors (NBMV)"),
    "family-reunification": _("Family reunification"),
    "newcomer": _("Newcomers (nieuwkomers)"),
    "volunteers": _("Volunteers and groups"),
}


class TagKind(models.TextChoices):
    LIFE_DOMAIN = "domain", _("Life domain")
    PEOPLE = "people", _("People concerned")


class Tag(models.Model):
    """A life domain or a group of people concerned. Codes are created by a migration."""

    kind = models.CharField(max_length=10, choices=TagKind.choices)
    code = models.SlugField(max_length=40)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="toolkit_tag_kind_code_unique")]

    @property
    def label(self) -> str:
        labels = LIFE_DOMAINS if self.kind == TagKind.LIFE_DOMAIN else PEOPLE_CONCERNED
        return str(labels.get(self.code, self.code))

    def __str__(self) -> str:
        return self.label


class PageQuerySet(models.QuerySet["Page"]):
    def visible_to(self, user) -> PageQuerySet:
        from .access import reads_members_only

        if reads_members_only(user):
            return self.all()
        return self.filter(visibility=Visibility.PUBLIC)


class Page(models.Model):
    """One topic of the Toolkit. ``body`` is Markdown; the service keeps ``body_html``
    (sanitised), ``body_text`` (for search) and ``toc`` (headings) in step with it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=200, unique=True)
    chapter = models.CharField(_("chapter"), max_length=20, choices=Chapter.choices, db_index=True)
    position = models.PositiveSmallIntegerField(_("position in the chapter"), default=0)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    # PostgreSQL only: the weighted Dutch document (title A, text B), kept by toolkit.search
    # and GIN-indexed (migration 0009). Always NULL on SQLite, which has its FTS5 table.
    search_vector = SearchVectorField(null=True, editable=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    last_checked = models.DateField(_("last checked"), null=True, blank=True)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related pages"))
    tags = models.ManyToManyField(Tag, blank=True, related_name="pages", verbose_name=_("tags"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["chapter", "position", "title"]
        verbose_name = _("Toolkit page")
        verbose_name_plural = _("Toolkit pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:page", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def current_revision(self) -> PageRevision | None:
        return self.revisions.order_by("-number").first()


class GlossaryTerm(models.Model):
    """A word to use (and the words to avoid instead), explained in Dutch, French and English."""

    term = models.CharField(_("term to use (Dutch)"), max_length=120, unique=True)
    avoid = models.CharField(_("terms to avoid"), max_length=300, blank=True)
    explanation = models.TextField(_("explanation (Dutch)"))
    term_fr = models.CharField(_("term in French"), max_length=120, blank=True)
    explanation_fr = models.TextField(_("explanation in French"), blank=True)
    term_en = models.CharField(_("term in English"), max_length=120, blank=True)
    explanation_en = models.TextField(_("explanation in English"), blank=True)
    slug = models.SlugField(max_length=140, unique=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("toolkit:glossary") + f"#{self.slug}"

    def avoid_list(self) -> list[str]:
        return [w.strip() for w in self.avoid.split(",") if w.strip()]

    def translated(self, language: str) -> tuple[str, str]:
        """(term, explanation) in the language, falling back to Dutch."""
        if language == "fr" and self.term_fr:
            return self.term_fr, self.explanation_fr or self.explanation
        if language == "en" and self.term_en:
            return self.term_en, self.explanation_en or self.explanation
        return self.term, self.explanation


class Synonym(models.Model):
    """Words people type for a word the Toolkit uses ("kindergeld" for groeipakket, "crèche"
    for kinderopvang), kept by the editors. Searching any of them finds every one of them
    (query expansion in the search; the stored texts are never rewritten)."""

    term = models.CharField(_("word the Toolkit uses"), max_length=120, unique=True)
    synonyms = models.CharField(
        _("other words people type"),
        max_length=500,
        help_text=_("Separated by commas, e.g. “kindergeld, kinderbijslag, allocations familiales”."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return self.term

    def synonym_list(self) -> list[str]:
        return [w.strip() for w in self.synonyms.split(",") if w.strip()]


class PageRevision(models.Model):
    """One published version of a page: every published change is a revision (history)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    message = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["page", "-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="toolkit_revision_page_number_unique")]

    def __str__(self) -> str:
        return f"{self.page} #{self.number}"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an editor")
    ACCEPTED = "accepted", _("Accepted and published")
    DECLINED = "declined", _("Declined")


class EditSuggestion(models.Model):
    """A member's proposed change to a page, based on the revision they read."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="suggestions")
    base_revision = models.ForeignKey(PageRevision, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    message = models.CharField(_("what did you change, and why?"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="toolkit_suggestions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note for the author"), max_length=500, blank=True)
    published = models.ForeignKey(PageRevision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SuggestionStatus.values), name="suggestion_status_known"
            ),
            # Decided (by someone, at a time) exactly when no longer open.
            models.CheckConstraint(
                condition=models.Q(status="open", decided_at__isnull=True)
                | (~models.Q(status="open") & models.Q(decided_at__isnull=False)),
                name="suggestion_decided_iff_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


class SuggestionComment(models.Model):
    """One message in the discussion of a suggestion between its author and the editors."""

    suggestion = models.ForeignKey(EditSuggestion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]


# ---------------------------------------------------------------- ask the network (vraag het netwerk)


class QuestionQuerySet(models.QuerySet["Question"]):
    def visible_to(self, user) -> QuestionQuerySet:
        """Questions are for members only: nobody else sees any."""
        from .access import reads_members_only

        return self.all() if reads_members_only(user) else self.none()


class Question(models.Model):
    """A member's question to the network, tagged by life domain. Members only."""

    title = models.CharField(_("your question"), max_length=200)
    body = models.TextField(_("explanation"), blank=True)
    life_domain = models.CharField(
        _("life domain"), max_length=40, choices=[(k, v) for k, v in LIFE_DOMAINS.items()], db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="toolkit_questions"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    accepted_answer = models.ForeignKey("Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    search_vector = SearchVectorField(null=True, editable=False)  # as Page.search_vector

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:question", args=[self.pk])

    @property
    def life_domain_label(self) -> str:
        return str(LIFE_DOMAINS.get(self.life_domain, self.life_domain))


class Answer(models.Model):
    """A member's answer. An editor may link a good answer into a Toolkit page."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("your answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="toolkit_answers"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    linked_page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="network_answers"
    )
    # As Page.search_vector, with the question's title as the title (A) and the answer as the text (B).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("toolkit:question", args=[self.question_id]) + f"#answer-{self.pk}"


class QuestionFollow(models.Model):
    """A member follows a question and gets at most one digest e-mail a day."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toolkit_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="toolkit_follow_unique")]


class DigestState(models.Model):
    """When a user last got the digest of new answers (never more than one a day)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toolkit_digest")
    last_sent_at = models.DateTimeField()


# ---------------------------------------------------------------- checklists


class Deadline(models.TextChoices):
    """Typical deadlines of a step, as an action plan (handelingsplan) sets them."""

    NOW = "now", _("Right away")
    WEEK = "week", _("Within a week")
    MONTH = "month", _("Within a month")
    HALF_YEAR = "half-year", _("Within half a year")
    YEAR = "year", _("Within a year")
    SCHOOL_YEAR = "school-year", _("By the next school year")
    WHEN_POSSIBLE = "when-possible", _("When places free up")


class Checklist(models.Model):
    """A structured template, such as the homework after recognition: items, each with a
    typical deadline and its Toolkit page. Public; printable and copyable as plain text."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=200, unique=True)
    intro = models.TextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:checklist", args=[self.slug])


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("what to do"), max_length=300)
    deadline = models.CharField(_("typical deadline"), max_length=20, choices=Deadline.choices)
    page = models.ForeignKey(
        Page,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklist_items",
        verbose_name=_("Toolkit page"),
    )

    class Meta:
        ordering = ["checklist", "position", "pk"]

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------- attachments and experts


class AttachmentKind(models.TextChoices):
    PDF = "pdf", _("PDF document")
    SLIDES = "slides", _("Presentation")
    IMAGE = "image", _("Image")


class Attachment(models.Model):
    """A file on a page (a PDF, a presentation, an image), checked by its first bytes.
    Readable by whoever may read the page."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="toolkit/%Y/")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    extension = models.CharField(max_length=8, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["page", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:attachment", args=[self.pk])


class Expertise(models.Model):
    """A member knows a topic (a page) well, so others know whom to ask."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="experts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toolkit_expertise")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["page", "user"], name="toolkit_expertise_unique")]
