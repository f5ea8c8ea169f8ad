"""The visitor's address, for lockouts and rate limits.

Behind a reverse proxy every request comes from the proxy; set
GASTVRIJ_CLIENT_IP_HEADER to the header the proxy fills (nginx: X-Real-IP)
so one visitor's failures never lock out everyone.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
