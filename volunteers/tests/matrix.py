"""The volunteers' rows of core/tests/test_access_matrix.py, one module per part of the app
(each returns {url name: (url, expected GET status per role)})."""

from __future__ import annotations

from . import matrix_group, matrix_me, matrix_public, matrix_secretariat


def volunteer_urls(people) -> dict:
    return {
        **matrix_public.urls(people),
        **matrix_group.urls(people),
        **matrix_secretariat.urls(people),
        **matrix_me.urls(people),
    }
