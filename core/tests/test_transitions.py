"""The transition helper itself; each status field's table is tested in its app."""

import pytest
from django.db import models

from core.transitions import TransitionError, Transitions


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"


LIGHTS = Transitions(Light, {Light.RED: {Light.GREEN}, Light.GREEN: {Light.AMBER}, Light.AMBER: {Light.RED}})


def test_allowed_moves_pass_and_others_are_refused_with_both_labels():
    LIGHTS.check("red", "green")
    with pytest.raises(TransitionError, match="“Red” cannot change to “Amber”"):
        LIGHTS.check("red", "amber")
    assert [(o, n) for o, n, ok in LIGHTS.moves() if ok] == [("red", "green"), ("green", "amber"), ("amber", "red")]


def test_a_table_may_word_its_refusals_per_target():
    table = Transitions(Light, {Light.RED: {Light.GREEN}}, refused={Light.GREEN: "Already going."})
    with pytest.raises(TransitionError, match="^Already going.$"):
        table.check("green", "green")


def test_a_table_with_an_unknown_status_is_a_programming_error():
    with pytest.raises(ValueError, match="blue"):
        Transitions(Light, {Light.RED: {"blue"}})
