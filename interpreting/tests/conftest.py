"""Fixtures of the interpreting tests."""

from core.tests.conftest import everybody

__all__ = ["everybody"]
