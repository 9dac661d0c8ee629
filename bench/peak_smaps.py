#!/usr/bin/env python3
"""What a process tree's memory is made of at each process's peak (issue 12 §4: workers < 150 MiB).

    python3 bench/peak_smaps.py [--top N] -- COMMAND ARG...

Polls every 20 ms the resident size (VmRSS) of the started process and of every descendant (the
derive workers and their children); each time one of them grows past its largest size seen (by
512 KiB, at most every 100 ms) reads its /proc/PID/smaps and keeps the resident KiB (Rss) of each
mapping. Prints per process its VmHWM, its anonymous and file-backed resident size at that moment,
and the top N mapped files there, grouped by path: how many mappings (VMAs) of the file and their
Rss summed, so a file mapped by three libraries shows three mappings (bench/RESULTS.md §4b, §4c).
bench/peak_rss.py gives the figures for the notes; this one says what they are made of (it costs
more: reading smaps walks the page tables).
"""
import argparse
import collections
import os
import subprocess
import sys
import time


def status(pid: int) -> dict:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def smaps(pid: int) -> dict:
    """path (or [anon], [heap]) -> [mappings, Rss KiB, Size KiB]"""
    out = collections.defaultdict(lambda: [0, 0, 0])
    try:
        with open(f"/proc/{pid}/smaps") as f:
            cur = None
            for line in f:
                parts = line.split()
                if not parts:
                    continue
                if "-" in parts[0] and not parts[0].endswith(":"):  # a mapping's header line
                    cur = out[" ".join(parts[5:]) if len(parts) > 5 else "[anon]"]
                    cur[0] += 1
                elif parts[0] == "Rss:":
                    cur[1] += int(parts[1])
                elif parts[0] == "Size:":
                    cur[2] += int(parts[1])
    except OSError:
        return {}
    return dict(out)


def descendants(pid: int) -> list[int]:
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    for c in f.read().split():
                        out.append(int(c))
                        stack.append(int(c))
        except OSError:
            pass
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=16)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs = {}
    while p.poll() is None:
        now = time.monotonic() - t0
        for pid in [p.pid] + descendants(p.pid):
            s = status(pid)
            if "VmRSS" not in s:
                continue
            r = procs.setdefault(pid, {"start": now, "max": 0, "hwm": 0, "maps": None, "at": -1.0, "status": {}})
            r["end"] = now
            r["hwm"] = max(r["hwm"], s.get("VmHWM", 0))
            if s["VmRSS"] > r["max"] + 512 and now - r["at"] > 0.1:
                m = smaps(pid)
                if m:
                    r.update(max=s["VmRSS"], maps=m, at=now, status=s)
        time.sleep(0.02)
    print(f"wall_s={time.monotonic() - t0:.1f} rc={p.returncode}")
    for pid, r in sorted(procs.items(), key=lambda kv: kv[1]["start"]):
        s = r["status"]
        print(f"\npid={pid}{' (the command)' if pid == p.pid else ''} t={r['start']:.1f}-{r['end']:.1f} s "
              f"hwm={r['hwm'] / 1024:.1f} MiB; at its largest seen ({r['max'] / 1024:.1f} MiB, t={r['at']:.1f} s): "
              f"anonymous {s.get('RssAnon', 0) / 1024:.1f}, file-backed {s.get('RssFile', 0) / 1024:.1f}")
        for path, (n, rss, size) in sorted((r["maps"] or {}).items(), key=lambda kv: -kv[1][1])[:a.top]:
            print(f"  {rss / 1024:7.1f} MiB resident of {size / 1024:7.1f} MiB mapped, {n:3d} mapping(s)  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
