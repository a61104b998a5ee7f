#!/usr/bin/env python3
"""Benchmark dbt-run against native execution and qemu-riscv64.

Builds the CPU-bound kernels in bench/kernels natively (gcc -O2) and for
riscv64 (riscv64-linux-gnu-gcc -O2 -static), runs each under every engine,
and prints wall times (best of N), ratios to native, geometric means and the
start-up time of a static hello world. Kernel outputs (checksums) must agree
across engines; mismatches are flagged.

    bench/run.py                       # all kernels, all engines, N=3
    bench/run.py --quick               # small inputs, N=1: a smoke run
    bench/run.py --engines native,dbt  # skip qemu
    bench/run.py --kernels fib,nbody --repeat 5 --json out.json

See bench/README.md.
"""
import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# name: (what it stresses, default argument, --quick argument)
KERNELS = {
    "sieve": ("integer: sieve of Eratosthenes", "40", "4"),
    "crc32": ("integer: table CRC-32 + hash", "300", "30"),
    "sort": ("branchy: quicksort + binary search", "10", "1"),
    "fib": ("call-heavy: recursive fib + indirect calls", "42", "34"),
    "nbody": ("floating point: n-body", "5000000", "500000"),
    "mandelbrot": ("floating point + branches: Mandelbrot", "3000", "800"),
    "stream": ("memory bandwidth: STREAM-like", "30", "3"),
    "listwalk": ("memory latency: pointer chasing", "2", "1"),
}

HELLO_C = r"""
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
"""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_checked(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d):\n%s" % (" ".join(cmd), p.returncode,
                                                     p.stderr.decode(errors="replace")))
    return p


def build(args, names):
    """Compile every kernel for both targets; returns {engine-kind: {name: path}}."""
    out = {"native": {}, "rv64": {}}
    nat_dir = os.path.join(args.build_dir, "native")
    rv_dir = os.path.join(args.build_dir, "rv64")
    os.makedirs(nat_dir, exist_ok=True)
    os.makedirs(rv_dir, exist_ok=True)
    hello = os.path.join(args.build_dir, "hello.c")
    with open(hello, "w") as f:
        f.write(HELLO_C)
    sources = {n: os.path.join(HERE, "kernels", n + ".c") for n in names}
    sources["hello"] = hello
    for name, src in sources.items():
        nat = os.path.join(nat_dir, name)
        rv = os.path.join(rv_dir, name)
        # Native hello is static too, so start-up compares like with like
        # (falls back to dynamic if the host has no static libc).
        nat_flags = ["-O2"] + (["-static"] if name == "hello" else [])
        for target, cc, flags in ((nat, args.host_cc, nat_flags),
                                  (rv, args.riscv_cc, ["-O2", "-static"])):
            if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(src):
                continue
            cmd = [cc] + flags + [src, "-o", target, "-lm"]
            try:
                run_checked(cmd)
            except RuntimeError:
                if name == "hello" and cc == args.host_cc:
                    run_checked([cc, "-O2", src, "-o", target])
                else:
                    raise
        out["native"][name] = nat
        out["rv64"][name] = rv
    return out


def engine_cmd(engine, args, bins, name, kargs):
    if engine == "native":
        return [bins["native"][name]] + kargs
    if engine == "qemu":
        return [args.qemu, bins["rv64"][name]] + kargs
    if engine == "dbt":
        return [args.dbt_run] + args.dbt_arg + [bins["rv64"][name]] + kargs
    raise ValueError(engine)


def time_once(cmd, timeout):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    dt = time.perf_counter() - t0
    return dt, p.returncode, p.stdout.decode(errors="replace").strip()


def time_spawn(cmd, out_path):
    """Start-up timing with as little harness overhead as possible:
    posix_spawn + waitpid, stdout to a file, no pipes."""
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        exe = shutil.which(cmd[0]) or cmd[0]
        t0 = time.perf_counter()
        pid = os.posix_spawn(exe, cmd, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, fd, 1)])
        _, status = os.waitpid(pid, 0)
        dt = time.perf_counter() - t0
    finally:
        os.close(fd)
    with open(out_path) as f:
        out = f.read().strip()
    return dt, os.waitstatus_to_exitcode(status), out


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt_time(t):
    return "-" if t is None else ("%.3f" % t if t < 100 else "%.1f" % t)


def fmt_ratio(r):
    return "" if r is None else "(%.2fx)" % r


def main():
    ap = argparse.ArgumentParser(description="Benchmark dbt-run vs native and qemu-riscv64.")
    ap.add_argument("--engines", default="native,qemu,dbt",
                    help="comma-separated subset of native,qemu,dbt (default: all)")
    ap.add_argument("--kernels", default=",".join(KERNELS),
                    help="comma-separated kernels (default: all): " + ",".join(KERNELS))
    ap.add_argument("--quick", action="store_true",
                    help="small inputs and one run each (a smoke test, not a measurement)")
    ap.add_argument("--repeat", "-n", type=int, default=None,
                    help="runs per kernel and engine; the best wall time counts (default 3, --quick 1)")
    ap.add_argument("--startup-runs", type=int, default=None,
                    help="runs of the static hello world for start-up time (default 20, --quick 5)")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    ap.add_argument("--dbt-run", default=os.path.join(ROOT, "build", "bin", "dbt-run"),
                    help="dbt-run binary (default: build/bin/dbt-run)")
    ap.add_argument("--dbt-arg", action="append", default=[],
                    help="extra option for dbt-run (repeatable), e.g. --dbt-arg=--stats")
    ap.add_argument("--qemu", default=shutil.which("qemu-riscv64") or "qemu-riscv64")
    ap.add_argument("--riscv-cc", default=shutil.which("riscv64-linux-gnu-gcc") or "riscv64-linux-gnu-gcc")
    ap.add_argument("--host-cc", default=shutil.which("gcc") or "cc")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "bench"),
                    help="where the kernels are compiled (default: build/bench)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run (default 600)")
    ap.add_argument("--json", metavar="FILE", help="also write all measurements as JSON")
    args = ap.parse_args()

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    for e in engines:
        if e not in ("native", "qemu", "dbt"):
            ap.error("unknown engine %r" % e)
    names = [k.strip() for k in args.kernels.split(",") if k.strip()]
    for k in names:
        if k not in KERNELS:
            ap.error("unknown kernel %r (known: %s)" % (k, ", ".join(KERNELS)))
    repeat = args.repeat or (1 if args.quick else 3)
    startup_runs = args.startup_runs or (5 if args.quick else 20)
    if "dbt" in engines and not os.access(args.dbt_run, os.X_OK):
        ap.error("dbt-run not found at %s (build it, or use --dbt-run / --engines)" % args.dbt_run)
    if "qemu" in engines and not shutil.which(args.qemu):
        ap.error("qemu-riscv64 not found (use --qemu or --engines)")

    log("building kernels in %s ..." % args.build_dir)
    bins = build(args, names)

    results = {}  # name -> engine -> dict
    mismatches = []
    for name in names:
        kargs = [KERNELS[name][2] if args.quick else KERNELS[name][1]]
        results[name] = {}
        for eng in engines:
            cmd = engine_cmd(eng, args, bins, name, kargs)
            times, outs, status = [], set(), 0
            for _ in range(repeat):
                try:
                    dt, rc, out = time_once(cmd, args.timeout)
                except subprocess.TimeoutExpired:
                    dt, rc, out = None, "timeout", ""
                if rc != 0:
                    status = rc
                    break
                times.append(dt)
                outs.add(out)
            r = {"times": times, "best": min(times) if times else None,
                 "first": times[0] if times else None, "status": status,
                 "output": sorted(outs)}
            results[name][eng] = r
            log("  %-10s %-6s %s%s" % (name, eng, fmt_time(r["best"]),
                                        "" if status == 0 else "  FAILED (%s)" % status))
        # outputs must agree with the reference (native if run, else the first engine)
        ref_eng = "native" if "native" in engines else engines[0]
        ref = results[name][ref_eng]["output"]
        for eng in engines:
            r = results[name][eng]
            r["ok"] = r["status"] == 0 and r["output"] == ref and len(r["output"]) == 1
            if not r["ok"]:
                mismatches.append((name, eng, r["status"], r["output"], ref))

    startup = {}
    if not args.no_startup:
        for eng in engines:
            cmd = engine_cmd(eng, args, bins, "hello", [])
            out_path = os.path.join(args.build_dir, "hello.out")
            ts = []
            first = time_spawn(cmd, out_path)[0]  # warms the page cache (and any code cache)
            for _ in range(startup_runs):
                dt, rc, out = time_spawn(cmd, out_path)
                if rc != 0 or out != "hello":
                    ts = None
                    break
                ts.append(dt)
            startup[eng] = {"mean": statistics.mean(ts) if ts else None,
                            "min": min(ts) if ts else None, "first": first, "runs": ts}

    # --- report -------------------------------------------------------------
    print()
    print("dbt-run benchmark: best of %d wall-clock run(s)%s; ratio = time / native"
          % (repeat, ", --quick inputs" if args.quick else ""))
    hdr = ["kernel"] + [e for e in engines]
    if "dbt" in engines and repeat > 1:
        hdr.append("dbt 1st")
    hdr.append("output")
    rows = []
    ratios = {e: [] for e in engines}
    first_ratios = []
    for name in names:
        nat = results[name].get("native", {}).get("best")
        row = [name]
        for eng in engines:
            r = results[name][eng]
            ratio = r["best"] / nat if (nat and r["best"]) else None
            if eng != "native" and ratio:
                ratios[eng].append(ratio)
            if r["status"] != 0:
                cell = "FAIL(%s)" % r["status"]
            else:
                cell = fmt_time(r["best"]) + ("" if eng == "native" else " " + fmt_ratio(ratio))
            row.append(cell)
        if "dbt" in engines and repeat > 1:
            r = results[name]["dbt"]
            ratio = r["first"] / nat if (nat and r["first"]) else None
            if ratio:
                first_ratios.append(ratio)
            row.append(fmt_time(r["first"]) + " " + fmt_ratio(ratio))
        row.append("ok" if all(results[name][e]["ok"] for e in engines) else "MISMATCH")
        rows.append(row)
    if "native" in engines:
        gm = ["geomean"] + ["1" if e == "native" else
                            ("%.2fx" % geomean(ratios[e]) if geomean(ratios[e]) else "-")
                            for e in engines]
        if "dbt" in engines and repeat > 1:
            gm.append("%.2fx" % geomean(first_ratios) if geomean(first_ratios) else "-")
        gm.append("")
        rows.append(gm)
    widths = [max(len(str(r[i])) for r in rows + [hdr]) for i in range(len(hdr))]
    line = "  ".join(h.ljust(w) for h, w in zip(hdr, widths))
    print(line)
    print("-" * len(line))
    for i, r in enumerate(rows):
        if r[0] == "geomean":
            print("-" * len(line))
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))

    if startup:
        print()
        print("start-up, static hello world (mean and min of %d runs; 'first' is the run"
              " before them):" % startup_runs)
        nat = startup.get("native", {}).get("mean")
        for eng in engines:
            s = startup[eng]
            if s["mean"] is None:
                print("  %-7s FAILED" % eng)
                continue
            extra = " (%.1fx native)" % (s["mean"] / nat) if nat and eng != "native" else ""
            print("  %-7s %8.2f ms  (min %.2f ms, first run %.2f ms)%s"
                  % (eng, s["mean"] * 1e3, s["min"] * 1e3, s["first"] * 1e3, extra))

    if mismatches:
        print()
        print("OUTPUT MISMATCHES:")
        for name, eng, status, out, ref in mismatches:
            print("  %s under %s: status %s, output %r, expected %r" % (name, eng, status, out, ref))

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"repeat": repeat, "quick": args.quick, "engines": engines,
                       "kernels": results, "startup": startup,
                       "dbt_run": args.dbt_run, "dbt_args": args.dbt_arg}, f, indent=2)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
