"""The family pages' links from patterns reversed once (``family_pages._url``) are the URLs
``reverse`` gives, for every family link and argument kind."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from families.templatetags.family_pages import COORDINATOR_LINKS, PART_LINKS, _url


def test_the_links_are_reverse_s():
    names = [link[0] for link in PART_LINKS + COORDINATOR_LINKS] + ["families:trajectory"]
    for name in names:
        for pk in (1, 7, 918273640, 20000):
            assert _url(name, pk) == reverse(name, args=[pk])
    for code in ("housing", "own-3", "own-a_b"):
        assert _url("families:domain", 12, code) == reverse("families:domain", args=[12, code])
    assert _url("families:goal", 3, 918273641) == reverse("families:goal", args=[3, 918273641])
    # Not a slug: ``reverse`` decides, as before (here: there is no such URL).
    with pytest.raises(NoReverseMatch):
        _url("families:domain", 12, "a b")
