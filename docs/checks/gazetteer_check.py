#!/usr/bin/python3
"""Checks geodata/brussels/places.geojson (geodata/SOURCES.md, "brussels-places.geojson").

For every place: required properties, kind, that it lies in the Brussels-Capital Region, the IBSA
neighbourhood it falls in (a plausibility check of the position against an independent source),
and for the places the demo generator uses (src/SceneMonitor.Core/Demo/DemoScenario.cs) the
distance from the demo position. Run from the repository root: /usr/bin/python3 docs/checks/gazetteer_check.py
"""
import json, math, re

def rings(geometry):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return polys

def in_ring(x, y, ring):
    inside = False
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i][:2], ring[i - 1][:2]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside

def covers(geometry, x, y):
    return any(in_ring(x, y, p[0]) and not any(in_ring(x, y, h) for h in p[1:]) for p in rings(geometry))

def metres(a, b):  # equirectangular: good to well under 1 % over a few km
    k = math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 6371000 * math.pi / 180

places = json.load(open("geodata/brussels/places.geojson", encoding="utf-8"))["features"]
region = json.load(open("geodata/brussels/region.geojson", encoding="utf-8"))["features"][0]["geometry"]
districts = json.load(open("geodata/brussels/neighbourhoods.geojson", encoding="utf-8"))["features"]
demo = {m.group(1): (float(m.group(2)), float(m.group(3))) for m in re.finditer(
    r'new\("([^"]+)", ([\d.]+), ([\d.]+)', open("src/SceneMonitor.Core/Demo/DemoScenario.cs", encoding="utf-8").read())}
demo["Brussel-Zuid / Gare du Midi"] = (4.3360, 50.8357)  # ZuidLon, ZuidLat

ids = set()
for f in places:
    p, (lon, lat) = f["properties"], f["geometry"]["coordinates"]
    assert f["geometry"]["type"] == "Point"
    assert all(p.get(k) for k in ("id", "name_nl", "name_fr", "name_en", "kind")), p
    assert p["kind"] in ("station", "square", "street", "park"), p
    assert p["id"] not in ids, p["id"]; ids.add(p["id"])
    assert covers(region, lon, lat), f"{p['id']} is outside the Region"
    district = next((d["properties"]["namefre"] for d in districts if covers(d["geometry"], lon, lat)), None)
    near = [(name, metres((lon, lat), pos)) for name, pos in demo.items() if p["name_nl"].split(" ")[0] in name or p["name_fr"] in name]
    print(f"{p['id']:14} {lon:.6f} {lat:.6f} {p['kind']:8} district {district}" + "".join(f"; demo '{n}' {d:.0f} m" for n, d in near))
print(f"{len(places)} places: ok")
