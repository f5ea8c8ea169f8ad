"""The one error a service raises when the rules refuse a write."""


class ServiceError(ValueError):
    """A write refused for a reason the user can act on. The message is translated and
    shown as it is (a form error or a message); views catch this class only."""
