#!/usr/bin/env python3
"""Where the page's main thread spent its time up to the first draw, from a Chrome trace written
with `BENCH_MAP_PROFILE=DIR bench/run.sh ... --only map` (one file per page).
Usage: bench/trace-summary.py TRACE.json

Prints, from the renderer's first task to the 'sm:first-draw' mark: the main thread's busy and idle
time, its longest tasks with what they mostly did (layout, style, script ...), and the JavaScript
functions that took the most time (self time, from the trace's CPU profile samples)."""
import json
import sys
from collections import defaultdict

events = json.load(open(sys.argv[1]))
mark = next(e for e in events if e.get("name") == "sm:first-draw")
pid, first = mark["pid"], mark["ts"]
threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"}
tid = next(t for (p, t), name in threads.items() if p == pid and name == "CrRendererMain")
on_main = sorted((e for e in events if e["pid"] == pid and e["tid"] == tid and e.get("ph") == "X" and "dur" in e),
                 key=lambda e: (e["ts"], -e["dur"]))
start = on_main[0]["ts"]
ms = lambda us: us / 1000

# Top-level tasks: those not inside an earlier one.
tasks, end = [], 0
for e in on_main:
    if e["ts"] >= end and e["ts"] <= first:
        tasks.append(e)
        end = e["ts"] + e["dur"]
busy = sum(min(t["ts"] + t["dur"], first) - t["ts"] for t in tasks)
print(f"first task to first draw: {ms(first - start):.0f} ms; main thread busy {ms(busy):.0f} ms, idle {ms(first - start - busy):.0f} ms")

KINDS = {"Layout": "layout", "UpdateLayoutTree": "style", "ParseAuthorStyleSheet": "style", "Paint": "paint",
         "ParseHTML": "parse HTML", "EvaluateScript": "script", "v8.evaluateModule": "script", "FunctionCall": "script",
         "RunMicrotasks": "script", "v8.compile": "compile", "v8.compileModule": "compile",
         "DocumentLoader::CommitNavigation": "navigation", "MinorGC": "gc", "MajorGC": "gc"}
print("longest tasks (ms from first task, duration, what inside them took the time):")
for task in sorted(tasks, key=lambda t: -t["dur"])[:10]:
    kinds, inner_end = defaultdict(float), 0
    for e in on_main:
        if task["ts"] <= e["ts"] < task["ts"] + task["dur"] and e is not task and e["name"] in KINDS and e["ts"] >= inner_end:
            kinds[KINDS[e["name"]]] += e["dur"]
            inner_end = e["ts"] + e["dur"]
    parts = ", ".join(f"{k} {ms(v):.0f}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
    print(f"  {ms(task['ts'] - start):6.0f} {ms(task['dur']):5.0f}  {parts or '?'}")

# CPU profile samples (category disabled-by-default-v8.cpu_profiler): self time per function.
nodes, samples, clock = {}, [], None
for e in sorted((e for e in events if e["pid"] == pid and e.get("name") in ("Profile", "ProfileChunk")), key=lambda e: e["ts"]):
    data = e["args"]["data"]
    if e["name"] == "Profile":
        clock = data.get("startTime")
        continue
    profile = data.get("cpuProfile", {})
    for n in profile.get("nodes", []):
        f = n["callFrame"]
        nodes[n["id"]] = f"{f.get('functionName') or '(anonymous)'} {f.get('url', '').split('/')[-1]}:{f.get('lineNumber', 0) + 1}"
    for node, delta in zip(profile.get("samples", []), data.get("timeDeltas", [])):
        clock += delta
        samples.append((clock, node))
own = defaultdict(float)
for (ts, node), (next_ts, _) in zip(samples, samples[1:]):
    if start <= ts <= first:
        own[nodes.get(node, "?")] += next_ts - ts
if own:
    print("JavaScript self time (ms; '(program)' is the browser's own work: parsing, style, layout, paint):")
    for name, us in sorted(own.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {ms(us):6.1f}  {name}")
