from django.urls import path

from .views import group, me, public, secretariat

app_name = "volunteers"

# ---- public: "I want to help", the secret link, vacancies
public_urls = [
    path("vrijwilligen/", public.signup, name="signup"),
    path("vrijwilligen/kiezen/", public.choose, name="choose"),
    path("vrijwilligen/bedankt/", public.thanks, name="thanks"),
    path("vrijwilligen/link/", public.resend_link, name="resend_link"),
    path("vrijwilligen/aanmelding/<str:token>/", public.manage, name="manage"),
    path("vrijwilligen/adres/<str:token>/", public.confirm_email, name="confirm_email"),
    path("vacatures/", public.vacancies, name="vacancies"),
    path("vacatures/<id:pk>/", public.vacancy, name="vacancy"),
]

# ---- a group's coordinators: leads, intake, follow-up, vacancies, interpreters
group_urls = [
    path("groepen/<slug:slug>/vrijwilligers/", group.inbox, name="inbox"),
    path("groepen/<slug:slug>/vrijwilligers/<id:pk>/", group.engagement, name="engagement"),
    path("groepen/<slug:slug>/vacatures/", group.vacancies, name="group_vacancies"),
    path("groepen/<slug:slug>/vacatures/nieuw/", group.vacancy_new, name="vacancy_new"),
    path("groepen/<slug:slug>/vacatures/<id:pk>/bewerken/", group.vacancy_edit, name="vacancy_edit"),
    path("groepen/<slug:slug>/vacatures/<id:pk>/sluiten/", group.vacancy_close, name="vacancy_close"),
    path("groepen/<slug:slug>/tolken/", group.interpreters, name="interpreters"),
]

# ---- the secretariat: funnel, exports, leads waiting too long
secretariat_urls = [
    path("secretariaat/vrijwilligers/", secretariat.funnel_page, name="funnel"),
    path("secretariaat/vrijwilligers/export.<str:fmt>", secretariat.funnel_export, name="funnel_export"),
    path("secretariaat/vrijwilligers/wachtend/", secretariat.waiting_page, name="waiting"),
    path("secretariaat/vrijwilligers/wachtend/<id:pk>/doorgeven/", secretariat.pass_on, name="pass_on"),
    path("secretariaat/vrijwilligers/wachtend/<id:pk>/vragen/", secretariat.ask_to_choose, name="ask_to_choose"),
    path("groepen/<slug:slug>/vrijwilligers/cijfers/", secretariat.group_figures, name="group_figures"),
]

# ---- a volunteer's own profile, check-in, export and erasure
me_urls = [
    path("account/vrijwilliger/", me.profile, name="me"),
    path("account/vrijwilliger/checkin/", me.check_in, name="check_in"),
    path("account/vrijwilliger/gegevens.json", me.my_data, name="my_data"),
    path("account/vrijwilliger/wissen/", me.erase_me, name="erase_me"),
]

urlpatterns = public_urls + group_urls + secretariat_urls + me_urls
