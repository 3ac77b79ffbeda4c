#!/usr/bin/env python3
"""Per benchmark (and parameters) in a JMH console log: JMH score, best measurement iteration, least CPU us/op.

Neighbours on a shared machine only ever slow an iteration down, so the best iteration and the least CPU time
per operation are the figures that reproduce. Usage: benchmarks/summarize.py benchmarks/results/NAME.txt
"""
import re
import sys

rows = {}
order = []
key = None
bench = None
measuring = False
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"# Benchmark: (\S+)", line)
    if m:
        bench = m.group(1).rsplit(".", 2)[-2] + "." + m.group(1).rsplit(".", 1)[-1]
    m = re.match(r"# Parameters: \((.*)\)", line)
    if m or line.startswith("# Benchmark mode"):
        pass
    if line.startswith("# Threads:"):
        threads = line.split()[2]
    if m:
        params = m.group(1)
    if line.startswith("# Fork:"):
        key = (bench, params if "params" in dir() else "", threads)
        params = ""
        if key not in rows:
            rows[key] = {"best": None, "cpu": None, "unit": ""}
            order.append(key)
    m = re.match(r"Iteration\s+\d+: ([\d.,]+) (\S+)", line)
    if m and key:
        score = float(m.group(1).replace(",", ""))
        unit = m.group(2)
        r = rows[key]
        r["unit"] = unit
        better = (lambda a, b: a > b) if unit.endswith("/s") else (lambda a, b: a < b)
        if r["best"] is None or better(score, r["best"]):
            r["best"] = score
        measuring = True
        continue
    m = re.match(r"\s+cpu\.us/op:\s+([\d.,]+)", line)
    if m and measuring and key:
        cpu = float(m.group(1).replace(",", ""))
        r = rows[key]
        if r["cpu"] is None or cpu < r["cpu"]:
            r["cpu"] = cpu
    if line.startswith("# Warmup Iteration") or line.startswith("# Run progress"):
        measuring = False

print("| benchmark | parameters | threads | best iteration | least CPU µs/op |")
print("|---|---|---:|---:|---:|")
for k in order:
    r = rows[k]
    best = "" if r["best"] is None else f"{r['best']:,.2f} {r['unit']}"
    cpu = "" if r["cpu"] is None else f"{r['cpu']:.2f}"
    print(f"| {k[0]} | {k[1]} | {k[2]} | {best} | {cpu} |")
