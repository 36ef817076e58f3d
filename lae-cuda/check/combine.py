#!/usr/bin/env python3
"""Joins the device check's lae.json with the PyTorch peer's torch.json into report.json: lae's ordered
step over PyTorch eager's at each (n, p, dtype), both measured in this run on this GPU."""
import json
import sys

lae = json.load(open(sys.argv[1]))
try:
    torch = json.load(open(sys.argv[2]))
except (OSError, ValueError):
    torch = None
report = dict(lae)
if torch:
    report["torch"] = torch
    peers = {(r["n"], r["p"], r["dtype"]): r for r in torch["rows"]}
    joined = []
    for row in lae.get("bench_steps", []):
        key = (row["n"], row["p"], row["dtype"])
        if row["step"] == "ordered" and key in peers:
            peer = peers[key]
            joined.append(dict(n=row["n"], p=row["p"], dtype=row["dtype"], lae_step_ms=row["step_ms"],
                               torch_step_ms=peer["torch_step_ms"],
                               lae_over_torch=row["step_ms"] / peer["torch_step_ms"]))
            print("ordered n=%-6d p=%-5d %-7s lae %9.4f ms  torch eager %9.4f ms  lae/torch %.2f" % (
                row["n"], row["p"], row["dtype"], row["step_ms"], peer["torch_step_ms"],
                row["step_ms"] / peer["torch_step_ms"]))
    report["lae_vs_torch"] = joined
json.dump(report, open(sys.argv[3], "w"), indent=1)
