from django.urls import path

from .views import group, public

app_name = "volunteers"

# ---- public: "I want to help", the secret link, vacancies
public_urls = [
    path("vrijwilligen/", public.signup, name="signup"),
    path("vrijwilligen/kiezen/", public.choose, name="choose"),
    path("vrijwilligen/bedankt/", public.thanks, name="thanks"),
    path("vrijwilligen/link/", public.resend_link, name="resend_link"),
    path("vrijwilligen/aanmelding/<str:token>/", public.manage, name="manage"),
    path("vacatures/", public.vacancies, name="vacancies"),
    path("vacatures/<int:pk>/", public.vacancy, name="vacancy"),
]

# ---- a group's coordinators: leads, intake, follow-up, vacancies, interpreters
group_urls = [
    path("groepen/<slug:slug>/vrijwilligers/", group.inbox, name="inbox"),
    path("groepen/<slug:slug>/vrijwilligers/<int:pk>/", group.engagement, name="engagement"),
    path("groepen/<slug:slug>/vacatures/", group.vacancies, name="group_vacancies"),
    path("groepen/<slug:slug>/vacatures/nieuw/", group.vacancy_new, name="vacancy_new"),
    path("groepen/<slug:slug>/vacatures/<int:pk>/bewerken/", group.vacancy_edit, name="vacancy_edit"),
    path("groepen/<slug:slug>/vacatures/<int:pk>/sluiten/", group.vacancy_close, name="vacancy_close"),
    path("groepen/<slug:slug>/tolken/", group.interpreters, name="interpreters"),
]

# ---- the secretariat: funnel, exports, leads waiting too long
secretariat_urls: list = []

# ---- a volunteer's own profile, check-in, export and erasure
me_urls: list = []

urlpatterns = public_urls + group_urls + secretariat_urls + me_urls
