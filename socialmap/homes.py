"""What the social map adds to the navigation (core/navigation.py): "Find help" for members
of the network, the editors and the secretariat; the review list for editors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from core.navigation import register_nav_item


def register() -> None:
    register_nav_item(
        "socialmap",
        gettext_lazy("Find help"),
        "socialmap:search",
        roles=("member", "editor", "secretariat"),
        order=65,
        prefixes=("/sociale-kaart/",),
    )
