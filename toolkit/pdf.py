"""A Toolkit page as PDF (WeasyPrint), from the same template as the print version.

WeasyPrint would fetch every image and stylesheet the HTML names. Page text comes from
members, so the PDF never fetches anything from the network or the disk except our own
static files (no requests to other servers or to internal addresses)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

CONTENT_TYPES = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}


def _static_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if not path.startswith(settings.STATIC_URL) or ".." in path.split("/"):
                raise ValueError(f"Only static files are fetched for a PDF, not {url}")
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if not found or isinstance(found, list):
                raise ValueError(f"No such static file: {path}")
            file = Path(found)
            content_type = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
            return URLFetcherResponse(url, body=file.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnly()


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=_static_fetcher()).write_pdf()
