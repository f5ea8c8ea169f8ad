"""The status tables of signals, dossiers and addressees (core/transitions.py)."""

from django.utils.translation import gettext_lazy as _

from core.transitions import Transitions

from .models import AddresseeStatus as A
from .models import DossierStatus as D
from .models import SignalStatus as S

SIGNAL = Transitions(
    S,
    {
        S.DRAFT: {S.CONFIRMED, S.WITHDRAWN},
        S.CONFIRMED: {S.IN_DOSSIER, S.WITHDRAWN},
        S.IN_DOSSIER: {S.CONFIRMED},
    },
    refused={S.IN_DOSSIER: _("Only a confirmed signal that is in no dossier can be added to one.")},
)

DOSSIER = Transitions(
    D,
    {
        D.OPEN: {D.SENT, D.MERGED},
        D.SENT: {D.CLOSED, D.MERGED},
        D.CLOSED: {D.SENT},
    },
)

ADDRESSEE = Transitions(
    A,
    {
        A.NEW: {A.SENT},
        A.SENT: {A.READ, A.CLOSED},
        A.READ: {A.ANSWERED, A.CLOSED},
        A.ANSWERED: {A.FOLLOW_UP, A.CLOSED},
        A.FOLLOW_UP: {A.READ, A.CLOSED},
        A.CLOSED: set(),
    },
    refused={A.ANSWERED: _("This link has already been used to answer, or it has expired.")},
)
