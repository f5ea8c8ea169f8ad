from __future__ import annotations


def urls(people) -> dict:
    return {}
