"""Fixtures of the families tests."""

from core.tests.conftest import everybody

__all__ = ["everybody"]
