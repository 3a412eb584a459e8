#!/usr/bin/python3
"""Loads SceneMonitor's OGC API - Features collections with Debian's QGIS (python3-qgis, provider OAPIF)
headless, authenticated with HTTP Basic (an API key as the password), and reports as JSON what QGIS
saw (what it sent is in the server's audit log, one line per items page). Used by OgcQgisTests; also runnable by hand:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/clients/qgis/check_oapif.py \
        --url http://127.0.0.1:5080/ogc --auth authcfg --collection observations --key-env SM_KEY

The key is read from an environment variable (never from the command line, where `ps` shows it) and
is never printed. --auth authcfg stores it in a throwaway QGIS authentication database as a "Basic"
configuration (what a user sets up in Settings > Options > Authentication); --auth uri puts
username/password in the layer's data source (what the WFS / OGC API dialog does when no
configuration is chosen).
"""
import argparse
import json
import os
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="the service root, e.g. http://127.0.0.1:5080/ogc")
    parser.add_argument("--collection", action="append", required=True)
    parser.add_argument("--auth", choices=["authcfg", "uri"], default="authcfg")
    parser.add_argument("--user", default="qgis-user")
    parser.add_argument("--key-env", default="SM_KEY")
    parser.add_argument("--subset", default="category = 'complaint'", help="subset string / filter expression to try")
    parser.add_argument("--bbox", default="4.34,50.84,4.345,50.843", help="minx,miny,maxx,maxy in CRS84 for a rectangle request")
    args = parser.parse_args()
    key = os.environ[args.key_env]

    work = tempfile.mkdtemp(prefix="qgis-check-")
    os.environ["QGIS_AUTH_DB_DIR_PATH"] = work  # a throwaway authentication database
    from qgis.core import Qgis, QgsApplication, QgsAuthMethodConfig, QgsFeatureRequest, QgsRectangle, QgsVectorLayer

    app = QgsApplication([], False, work)
    app.initQgis()

    auth = ""
    if args.auth == "authcfg":
        manager = QgsApplication.authManager()
        manager.setMasterPassword("throwaway-check", True)
        config = QgsAuthMethodConfig("Basic")
        config.setName("scenemonitor")
        config.setConfig("username", args.user)
        config.setConfig("password", key)
        if not manager.storeAuthenticationConfig(config):
            sys.exit("could not store the authentication configuration")
        auth = f" authcfg={config.id()}"
    else:
        auth = f" username='{args.user}' password='{key}'"

    minx, miny, maxx, maxy = (float(v) for v in args.bbox.split(","))
    report = {"qgis": Qgis.QGIS_VERSION, "auth": args.auth, "layers": {}}
    for name in args.collection:
        layer = QgsVectorLayer(f"url='{args.url}' typename='{name}'{auth}", name, "OAPIF")
        entry = {"valid": layer.isValid()}
        if layer.isValid():
            entry["featureCount"] = layer.featureCount()
            entry["iterated"] = sum(1 for _ in layer.getFeatures())
            entry["fields"] = [f.name() for f in layer.fields()]
            rectangle = QgsFeatureRequest().setFilterRect(QgsRectangle(minx, miny, maxx, maxy))
            entry["rectangle"] = sum(1 for _ in layer.getFeatures(rectangle))
            # "Only request features overlapping the view extent" in the layer dialog.
            extent = QgsVectorLayer(f"url='{args.url}' typename='{name}' restrictToRequestBBOX='1'{auth}", name, "OAPIF")
            entry["rectangleRestricted"] = sum(1 for _ in extent.getFeatures(rectangle))
            entry["expression"] = sum(1 for _ in layer.getFeatures(QgsFeatureRequest().setFilterExpression(args.subset)))
            # What the layer's Query Builder does: a provider subset string.
            entry["subsetAccepted"] = layer.setSubsetString(args.subset)
            if entry["subsetAccepted"]:
                entry["subsetFeatureCount"] = layer.featureCount()
                entry["subsetIterated"] = sum(1 for _ in layer.getFeatures())
        # (An invalid layer's error() crashes QGIS 3.22's Python binding; the server's answer says why.)
        report["layers"][name] = entry
    print(json.dumps(report, indent=1), flush=True)
    # QGIS 3.22 may crash while tearing down its download threads: the report is out, leave at once.
    os._exit(0)


if __name__ == "__main__":
    main()
