"""The volunteers' rows of the access matrix (core/tests/roles.py explains the format), one
module per part of the app."""

from __future__ import annotations

from . import matrix_group, matrix_me, matrix_public, matrix_secretariat


def urls(people) -> dict:
    return {
        **matrix_public.urls(people),
        **matrix_group.urls(people),
        **matrix_secretariat.urls(people),
        **matrix_me.urls(people),
    }
