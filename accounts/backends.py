from typing import Any, cast

from django.contrib.auth.backends import ModelBackend

from core.prepared import Prepared

from .models import User

# The account of a signed-in person, read on every request (``django.contrib.auth.get_user``):
# the same query as ``ModelBackend.get_user``, compiled once per connection (issue 11).
_ACCOUNT = Prepared(User, lambda pk: User._default_manager.filter(pk=pk).order_by(), pk=int)


class EmailBackend(ModelBackend):
    """Log in with the e-mail address, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = (username or kwargs.get("email") or "").strip()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        if type(user_id) is not int:  # what the session holds, read by the primary key's field
            return super().get_user(user_id)
        found = _ACCOUNT.objects(pk=user_id)
        user = cast(User, found[0]) if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
