#!/bin/sh
# Reference coordinates for the Lambert 72 / Lambert 2008 import tests, computed independently with
# GDAL's gdaltransform (gdal-bin 3.6.2 on PROJ 9.1; for EPSG:31370 PROJ applies the 7-parameter
# BD72->WGS84 Helmert EPSG:15929, as no IGN grid is installed). Output: lon lat per input point.
printf '148500 170600\n150000 170000\n155000 165000\n' | gdaltransform -s_srs EPSG:31370 -t_srs EPSG:4326 -output_xy
printf '648500 670600\n' | gdaltransform -s_srs EPSG:3812 -t_srs EPSG:4326 -output_xy
