"""The roles of the access matrix (core/tests/test_access_matrix.py) and the usual answers,
shared by every app's table (``<app>/tests/matrix.py``).

A table row is ``row(url, get={...}, post={...})``: the answer each role gets to a GET and to a
POST with an empty body. HEAD must answer as GET does, for every role. The answers are a
status code, ``LOGIN`` (302 to the log-in page) or ``OTP`` (302 to the second-factor page).
The role ``NO_OTP`` gets ``OTP`` wherever a row does not say otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

# The roles. Group A is "Welcome in Mechelen", group B "Werkgroep Vluchtelingen Gent", group C
# a group that left the network.
V = None  # a visitor, not logged in
VOL = "volunteer"  # a volunteer of group A
COORD = "coordinator"  # a coordinator of group A
OUT = "outsider_coordinator"  # a coordinator of group B
OUT_VOL = "outsider"  # a volunteer of group B
EDITOR = "editor"  # a Toolkit editor, in no group
SEC = "secretariat"
FORMER = "former"  # the coordinator of group C, which left the network
NO_OTP = "no_otp"  # a coordinator of group A whose role needs a second factor, not yet given
# A guest professional of group A's family in the families' table (decision 0024), second
# factor given: an account holder in no group, so by default it answers like one.
GUEST = "guest"
# A policy recipient's account (an addressee of the signals' dossiers), in no group: answers as
# any account holder without a group unless a row says otherwise (``logged_in``, ``everyone``).
POLICY = "policy"
ROLES = [V, VOL, COORD, OUT, OUT_VOL, EDITOR, SEC, FORMER, NO_OTP, GUEST, POLICY]

LOGIN = "login"
OTP = "otp"

Expect = dict[str | None, int | str]


def everyone(answer: int | str) -> Expect:
    """The same answer for every role (the visitor included), except ``NO_OTP``: that role is
    sent to give its second factor unless a row says otherwise."""
    return {role: answer for role in ROLES if role != NO_OTP}


def logged_in(answer: int | str) -> Expect:
    """``answer`` for every account holder; the visitor is sent to log in."""
    return {**everyone(answer), V: LOGIN}


# GET: pages anyone may open, and pages for every account holder.
PUBLIC = everyone(200)
LOGGED_IN = logged_in(200)
# Pages of group A's coordinators (and the secretariat): A's volunteer and B's people are refused
# by the policy or the group check (403); everyone without a coordinator role, too.
GROUP_A_MANAGERS = {**logged_in(403), COORD: 200, SEC: 200}
SECRETARIAT_ONLY = {**logged_in(403), SEC: 200}
EDITORS = {**logged_in(403), EDITOR: 200, SEC: 200}
# Members of a group that is a member of the network, the editors and the secretariat.
MEMBERS = {**logged_in(403), VOL: 200, COORD: 200, OUT: 200, OUT_VOL: 200, EDITOR: 200, SEC: 200}

# POST to a page that only answers GET: those the policy lets through get 405.
NOT_ALLOWED = everyone(405)


def allowed_or(refused: Expect, allowed: int | str) -> Expect:
    """``allowed`` for the roles that ``refused`` lets through (200), the rest as ``refused``:
    e.g. the POST answers of a GET-only page (405) from its GET answers."""
    return {role: (allowed if answer == 200 else answer) for role, answer in refused.items()}


@dataclass(frozen=True)
class Row:
    url: str
    get: Expect
    post: Expect

    def expected(self, method: str, role: str | None) -> int | str:
        answers = self.get if method in ("GET", "HEAD") else self.post
        if role not in answers:
            if role == NO_OTP:
                return OTP
            raise KeyError(f"{self.url}: no {method} answer for {role}")
        return answers[role]


def row(url: str, get: Expect, post: Expect | None = None) -> Row:
    """A row; without ``post``, the page answers GET only: a POST gets 405 from whoever the
    policy lets through, before the view looks for its object (so a 404 becomes 405 too)."""
    if post is None:
        post = {role: (405 if answer in (200, 404) else answer) for role, answer in get.items()}
    return Row(url, get, post)
