#!/bin/sh
# Reference values for tests/SceneMonitor.Analysis.Tests/Projection/MetricProjectionForEpsgTests.cs:
# WGS84 lon/lat to WGS 84 / UTM with PROJ's cs2cs (Debian gdal-bin/proj-bin, PROJ 9.1.1).
# EPSG:4326 takes latitude first; the output is easting northing height.
printf "51.0543 3.7174\n51.0250 3.7000\n51.1000 3.6500\n" | cs2cs -f %.4f EPSG:4326 EPSG:32631
# 550280.6158  5656108.1062   Ghent
# 549092.0646  5652838.1317
# 545511.9216  5661146.2754
printf "38.7223 -9.1393\n" | cs2cs -f %.4f EPSG:4326 EPSG:32629
# 487890.7581  4285969.8589   Lisbon, zone 29N
# PostGIS gives the same to 0.1 mm, e.g.
#   SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(3.7174, 51.0543), 4326), 32631) g) s;
