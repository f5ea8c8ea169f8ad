from __future__ import annotations

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from core.email import queue_email
from core.formfields import EmailField, NameField
from core.inputs import ascii_digits
from core.text import clean_name

from .models import User


class LoginForm(AuthenticationForm):
    # At most as long as an account's address (254): a longer one would reach django-axes,
    # which stores failed log-ins in a column of 255 characters (a 500 on PostgreSQL).
    username = EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    error_messages = {
        "invalid_login": _("That e-mail address and password do not match. Passwords are case-sensitive."),
        "inactive": _("This account is not active."),
    }


class EmailPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes through the task queue, in the user's language."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        user = context["user"]
        link = (
            f"{context['protocol']}://{context['domain']}/account/wachtwoord/nieuw/{context['uid']}/{context['token']}/"
        )
        queue_email(
            to_email, "accounts/email/password_reset", {"user": user, "link": link}, language=user.preferred_language
        )


class NewAccountForm(SetPasswordForm):
    """Choose a name and password when accepting an invitation."""

    full_name = NameField(label=_("Your name"), max_length=150)
    field_order = ["full_name", "new_password1", "new_password2"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]

    def clean_full_name(self) -> str:
        return clean_name(self.cleaned_data["full_name"])


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}),
    )

    def clean_token(self) -> str:
        token = ascii_digits(self.cleaned_data["token"].strip())
        if not re.fullmatch(r"[0-9]{6}", token):
            raise forms.ValidationError(_("The code has six digits."))
        return token
