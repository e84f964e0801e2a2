"""Countries, capitals, demonyms and institutional metonyms, from packaged tables and pycountry.

The statistical NER mislabels place names (it tags "Kiev" as a person in the founding article);
a gazetteer fixes those errors without article-specific patches. ISO 3166 names come from
pycountry; demonyms, capitals and the metonyms newsrooms use ("the Kremlin") come from the small
tables in ``onrecord/data`` because pycountry has none of them. Cities come from GeoNames
(:func:`country_of_city`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry

from onrecord import data


@dataclass(frozen=True, slots=True)
class Country:
    alpha3: str
    name: str
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]

    @property
    def adjective(self) -> str:
        """The word used in "the Russian government"."""
        return self.demonyms[0] if self.demonyms else self.name

    @property
    def capital(self) -> str | None:
        return self.capitals[0] if self.capitals else None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    countries: dict[str, Country]
    by_name: dict[str, str]
    by_demonym: dict[str, str]
    by_capital: dict[str, str]
    capital_canonical: dict[str, str]
    metonyms: dict[str, tuple[str, str]]

    def country_of_name(self, text: str) -> str | None:
        return self.by_name.get(_key(text))

    def country_of_demonym(self, text: str) -> str | None:
        return self.by_demonym.get(_key(text))

    def country_of_capital(self, text: str) -> str | None:
        return self.by_capital.get(_key(text))

    def canonical_capital(self, text: str) -> str:
        return self.capital_canonical.get(_key(text), text)

    def metonym(self, text: str) -> tuple[str, str] | None:
        key = _key(text)
        if key.startswith("the "):
            key = key[4:]
        return self.metonyms.get(key)


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    return {name: alpha3 for name, alpha3 in data.table("places/cities")}


def country_of_city(text: str) -> str | None:
    """The country of a city of 15,000 people or more ("Kirkuk" IRQ), from GeoNames
    (``data/places/cities.tsv``; a name several countries' cities share is in it only when
    one of them is far the largest). For place names only: "Victoria" is a city too."""
    key = _key(text)
    return _cities().get(key.removeprefix("the "))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, built once per process."""
    countries: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    by_capital: dict[str, str] = {}
    capital_canonical: dict[str, str] = {}
    for record in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value:
                by_name.setdefault(_key(value), record.alpha_3)
        countries[record.alpha_3] = Country(
            record.alpha_3, getattr(record, "common_name", None) or record.name, (), ()
        )
    for row in data.table("countries.tsv"):
        row += [""] * (5 - len(row))
        alpha3, name, demonyms, capitals, others = row[:5]
        dem = tuple(d for d in demonyms.split("|") if d)
        caps = tuple(c for c in capitals.split("|") if c)
        countries[alpha3] = Country(alpha3, name, dem, caps)
        by_name[_key(name)] = alpha3
        for other in others.split("|"):
            if other:
                by_name[_key(other)] = alpha3
        for d in dem:
            by_demonym[_key(d)] = alpha3
        for c in caps:
            by_capital[_key(c)] = alpha3
            capital_canonical[_key(c)] = caps[0]
    metonyms = {row[0]: (row[1], row[2]) for row in data.table("metonyms.tsv")}
    return Gazetteer(countries, by_name, by_demonym, by_capital, capital_canonical, metonyms)
