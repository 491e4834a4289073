#!/usr/bin/env python3
"""Where a web host's CPU goes, from a speedscope export of dotnet-trace's sampled thread time:
   dotnet-trace collect -p <pid> --profile dotnet-sampled-thread-time --duration 00:00:00:15 --format Speedscope -o t.nettrace
   infra/perf/cpu-profile.py t.speedscope.json [self|total] [rows]
Only the samples taken on CPU count (their leaf is CPU_TIME); each frame's share is printed, by its own
time (self, the default) or with its callees (total)."""
import collections, json, sys

trace = json.load(open(sys.argv[1]))
mode = sys.argv[2] if len(sys.argv) > 2 else "self"
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 30
frames = [f["name"] for f in trace["shared"]["frames"]]
own, total, weight = collections.Counter(), collections.Counter(), 0.0


def add(stack, w):
    global weight
    if len(stack) < 2 or frames[stack[-1]] != "CPU_TIME":
        return
    stack = stack[:-1]
    own[frames[stack[-1]]] += w
    for frame in set(stack):
        total[frames[frame]] += w
    weight += w


for profile in trace["profiles"]:
    if profile["type"] == "evented":
        stack, last = [], None
        for event in profile["events"]:
            if last is not None and stack:
                add(tuple(stack), event["at"] - last)
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                stack.pop()
            last = event["at"]
    else:
        for sample, w in zip(profile["samples"], profile["weights"]):
            add(sample, w)

for name, w in (own if mode == "self" else total).most_common(rows):
    print(f"{100 * w / weight:6.2f} %  {name[:150]}")
