#!/usr/bin/env python3
"""Runs a command and reports its wall time and the peak RSS of the parent and of its workers.

    python3 bench/peak_rss.py [--label L] -- COMMAND ARG...

Polls /proc every 20 ms: VmHWM (the kernel's own high-water mark) of the started process, and of
every process it forked (the ingest workers). Prints one line:
    L wall_s=12.34 rc=0 parent_hwm_mib=85.2 worker_hwm_mib=61.0 workers_seen=2 worker_own_mib=40.3 cpu_s=20.1 parent_cpu_s~4.2
cpu_s is user+sys of the whole tree in 10 ms steps (less sensitive to a loaded machine than wall time);
parent_cpu_s is the parent's own, last sampled 20 ms before it ended.
worker_own_mib: the largest growth of a worker past its resident size when first seen (≤ 20 ms
after its fork): a forked worker starts with the parent's heap resident (shared until written, but
counted in its VmHWM), so worker_hwm_mib is that plus what its tasks add (issue 12 §4).
GNU time's %M cannot tell them apart (it reports the largest of the process and its reaped children).

--mark FILE notes the moment FILE is (re)written after the start (for `lianghua archive`:
ARCHIVE/manifest.json, the end of filing; what follows is the derived outputs of issue 5) and the
parent's high-water mark then: mark_s=… mark_parent_hwm_mib=…. --stop-at-mark ends the run there
(SIGKILL; the archive stays consistent and the next run completes it).
"""
import argparse
import os
import resource
import subprocess
import sys
import time


def status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def hwm_kib(pid: int) -> int:
    return status_kib(pid, "VmHWM:")


def cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", default="run")
    ap.add_argument("--mark")
    ap.add_argument("--stop-at-mark", action="store_true")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    def mtime(path):
        try:
            return os.stat(path).st_mtime_ns
        except OSError:
            return None
    mark0 = mtime(a.mark) if a.mark else None
    mark_s = mark_hwm = None
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)  # e.g. a pyenv shim's own children
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = 0
    parent_cpu = 0.0
    workers: dict[int, int] = {}
    first_rss: dict[int, int] = {}  # a worker's VmRSS when first seen: what it inherited
    while p.poll() is None:
        parent = max(parent, hwm_kib(p.pid))
        parent_cpu = max(parent_cpu, cpu_s(p.pid))
        for c in children(p.pid):
            if c not in first_rss:
                first_rss[c] = status_kib(c, "VmRSS:")
            workers[c] = max(workers.get(c, 0), hwm_kib(c))
        if a.mark and mark_s is None and mtime(a.mark) not in (None, mark0):
            mark_s, mark_hwm = time.monotonic() - t0, parent
            if a.stop_at_mark:
                p.kill()
        time.sleep(0.02)
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every worker it reaped
    total_cpu = ru.ru_utime + ru.ru_stime - ru0.ru_utime - ru0.ru_stime
    err = p.stderr.read().decode("utf-8", "replace")
    summary = [l for l in err.splitlines() if "changed since the last run" in l]  # "N unchanged", "none changed"
    print(f"{a.label} wall_s={wall:.2f} rc={p.returncode} parent_hwm_mib={parent / 1024:.1f} "
          f"worker_hwm_mib={max(workers.values(), default=0) / 1024:.1f} workers_seen={len(workers)} "
          f"worker_own_mib={max((h - first_rss.get(c, 0) for c, h in workers.items() if h), default=0) / 1024:.1f} "
          f"cpu_s={total_cpu:.2f} parent_cpu_s~{parent_cpu:.2f}"
          + (f" mark_s={mark_s:.2f} mark_parent_hwm_mib={mark_hwm / 1024:.1f}" if mark_s is not None else "")
          + (f" [{summary[-1].strip()}]" if summary else ""))
    if p.returncode not in (0, 1) and not (a.stop_at_mark and mark_s is not None):
        sys.stderr.write(err[-2000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
