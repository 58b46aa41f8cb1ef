"""`make bench`: build the three sizes on SQLite (and PostgreSQL when DATABASE_URL points at
one), measure queries and median latency in-process, throughput under gunicorn with a
loopback locust, print the ratios against the targets and write docs/performance.md.

    python bench/run.py [--requests 150] [--seconds 8] [--users 4] [--workers 3]
                        [--port 8130] [--throughput-size 100x] [--output docs/performance.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.pages import PAGES

#: Pages measured under load, and the yardstick each is held against (issue #11's targets).
THROUGHPUT = {
    "dashboard": ("/?group=CCWG-IG", "trivial", 1 / 3),
    "API meetings": ("/api/v1/meetings/?working_group=CCWG-IG&year=2017", "trivial", 1 / 3),
    "API process inputs": (
        "/api/v1/process-inputs/?working_group=CCWG-IG&year=2017",
        "trivial",
        1 / 3,
    ),
    "report page (draft)": ("/reports/CCWG-IG/2017/", "trivial", None),
    "meeting list": ("/meetings/?group=CCWG-IG&year=2017", "trivial", None),
    "draft pdf": ("/reports/CCWG-IG/2017.pdf", "trivial", None),
    "published pdf": ("/reports/CCWG-IG/2017.pdf?version=1", "static pdf", 1 / 2),
    "published docx": ("/reports/CCWG-IG/2017.docx?version=1", "static docx", 1 / 2),
    "published md": ("/reports/CCWG-IG/2017.md?version=1", "static md", 1 / 2),
}
#: The yardsticks: the cheapest Django view, and whitenoise serving a small hashed static
#: file and the very bytes of each published document (copied into the static root by
#: bench/prepare.py), so that a download is held against static serving of the same size.
YARDSTICKS = {
    "trivial": "trivial Django view",
    "static": "static file (whitenoise, hashed site.css)",
    "static pdf": "the published PDF's bytes as a static file",
    "static docx": "the published DOCX's bytes as a static file",
    "static md": "the published Markdown's bytes as a static file",
}
STATIC_COPIES = "bench-copies"
QUERY_LIMIT = 25
FORMATS = ("pdf", "docx", "md")


def measure(dbs: dict[str, str], credentials: dict, requests: int) -> dict[str, dict]:
    """Queries and latency of every page at every size: one bench/measure.py process per
    size, all on the same processor (the last one), asked for one request at a time, the
    sizes in turn (request by request, starting with another size each time), so that a
    slower moment of the machine falls on every size alike. Per page and size: the first
    (cold) request, then `requests` more, of which the median latency."""
    cpu = [str(max(os.sched_getaffinity(0)))] if hasattr(os, "sched_getaffinity") else []
    processes = {
        size: subprocess.Popen(
            [
                sys.executable,
                str(servers.ROOT / "bench" / "measure.py"),
                json.dumps(credentials),
                *cpu,
            ],
            env=servers.base_env(url),
            cwd=servers.ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for size, url in dbs.items()
    }

    def read(size: str) -> str:
        line = processes[size].stdout.readline()  # type: ignore[union-attr]
        if not line:
            processes[size].kill()
            error = processes[size].stderr.read()  # type: ignore[union-attr]
            raise RuntimeError(f"bench/measure.py ({size}) failed:\n{error[-3000:]}")
        return line

    def ask(size: str, command: dict) -> dict:
        processes[size].stdin.write(json.dumps(command) + "\n")  # type: ignore[union-attr]
        processes[size].stdin.flush()  # type: ignore[union-attr]
        return json.loads(read(size))

    sizes = list(dbs)
    try:
        for size in sizes:
            if read(size).strip() != "ready":
                raise RuntimeError(f"bench/measure.py ({size}) did not start")
        results: dict[str, dict] = {size: {"pages": {}} for size in sizes}
        for page in PAGES:
            cold = {size: ask(size, {"page": page}) for size in sizes}
            samples: dict[str, list[dict]] = {size: [] for size in sizes}
            for turn in range(requests):
                for size in sizes[turn % len(sizes) :] + sizes[: turn % len(sizes)]:
                    samples[size].append(ask(size, {"page": page}))
            for size in sizes:
                last = samples[size][-1]
                results[size]["pages"][page] = {
                    "path": PAGES[page][0],
                    "queries": last["queries"],
                    "queries_cold": cold[size]["queries"],
                    "median_ms": statistics.median(s["ms"] for s in samples[size]),
                    "cold_ms": cold[size]["ms"],
                    "bytes": last["bytes"],
                }
        for size in sizes:
            results[size].update(ask(size, {"plans": True}))
        return results
    finally:
        for process in processes.values():
            if process.stdin:
                process.stdin.close()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


#: Seconds of each turn when a page and its yardstick take turns under load.
SLICE = 0.5


def throughput(url: str, credentials: dict, args, static_root: Path) -> dict[str, float]:
    """Requests per second under load: every yardstick alone, then every page in one locust
    run with its yardstick, the two taking turns every `SLICE` seconds (the machine's speed
    drifts during a run: two rates measured at different times would measure the drift).
    `<name>@yardstick` holds the yardstick's rate of that run."""
    rates: dict[str, float] = {}
    with servers.gunicorn(url, args.port, workers=args.workers, static_root=static_root) as base:
        paths = {
            "trivial": "/bench/trivial/",
            "static": servers.hashed_static(static_root),
            **{f"static {fmt}": f"/static/{STATIC_COPIES}/report.{fmt}" for fmt in FORMATS},
            **{name: spec[0] for name, spec in THROUGHPUT.items()},
        }

        def anonymous(path: str) -> bool:
            return path.startswith(("/static/", "/bench/")) or "version=1" in path

        def run(*names: str) -> list[float]:
            for name in names:
                path = paths[name]
                servers.warm(base, path, None if anonymous(path) else credentials)
            seconds = args.seconds * len(names)
            rows = servers.locust(
                base,
                [paths[name] for name in names],
                users=args.users,
                seconds=seconds,
                credentials=credentials,
                anonymous_prefixes=tuple(paths[n] for n in names if anonymous(paths[n])),
                slice_seconds=SLICE if len(names) > 1 else None,
            )
            total = rows["Aggregated"]
            if total["failures"] or not total["requests"]:
                raise RuntimeError(f"{', '.join(names)}: failed or no requests: {rows}")
            measured = [rows[paths[name]]["requests"] / args.seconds for name in names]
            pairs = zip(names, measured, strict=True)
            print("    " + "; ".join(f"{name} {rate:.1f} req/s" for name, rate in pairs))
            return measured

        for name in YARDSTICKS:
            (rates[name],) = run(name)
        for name, (_path, against, _target) in THROUGHPUT.items():
            rates[name], rates[f"{name}@yardstick"] = run(name, against)
    return rates


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def report(results: dict, args) -> str:
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand. Ratios from one run on",
        f"this machine ({os.cpu_count()} cores, shared), "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "Sizes: **1x** the 2017 sample; **10x** CCWG-IG 2017 with nine times more records",
        "added to the same group-year (`generate_synthetic_data --into CCWG-IG --scale 9`);",
        "**100x** the sample inside 100 more group-years (`--groups 20 --years 5`). Queries are",
        "SQL statements per request (SAVEPOINT/RELEASE left out), steady state (drafts, the",
        "dashboard's body and the API lists' pages cached until a record changes:",
        "`ccwg/core/output_cache.py`); `cold` is the first request after the cache is emptied",
        f"(everything built). Latency: the median of {args.requests} requests through Django's",
        "test client, in-process, one process per size, the three on one processor; their",
        "requests are interleaved one by one, so a slower moment of this shared machine",
        "falls on every size alike. Each database is analyzed after it is filled. `cold ms`",
        "is the first request of the page at that size (one sample).",
        "Targets: queries equal at all sizes (steady and cold) and <= 25 in steady state; 10x",
        "<= 1.5x latency; 100x <= 1.2x. A cold draft adds the cache's own statements (the",
        "fingerprint, a read, a count, a write) to the render's.",
        "",
    ]
    for vendor, data in results.items():
        sizes = data["sizes"]
        lines += [f"## {vendor}", ""]
        lines += [
            "| page | queries 1x / 10x / 100x (cold) | median ms 1x | 10x | 100x | 10x/1x "
            "| 100x/1x | queries ok | 10x ok | 100x ok | cold ms 1x / 10x / 100x |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for page in sizes["1x"]["pages"]:
            row = {size: sizes[size]["pages"][page] for size in sizes}
            queries = [row[s]["queries"] for s in ("1x", "10x", "100x")]
            cold = [row[s]["queries_cold"] for s in ("1x", "10x", "100x")]
            ms = [row[s]["median_ms"] for s in ("1x", "10x", "100x")]
            r10, r100 = ms[1] / ms[0], ms[2] / ms[0]
            cold_ms = " / ".join(f"{row[s]['cold_ms']:.0f}" for s in ("1x", "10x", "100x"))
            q_ok = len(set(queries)) == 1 and len(set(cold)) == 1 and max(queries) <= QUERY_LIMIT
            lines.append(
                f"| {page} | {' / '.join(map(str, queries))} ({' / '.join(map(str, cold))}) "
                f"| {ms[0]:.1f} | {ms[1]:.1f} | {ms[2]:.1f} | {r10:.2f} | {r100:.2f} "
                f"| {verdict(q_ok)} | {verdict(r10 <= 1.5)} | {verdict(r100 <= 1.2)} "
                f"| {cold_ms} |"
            )
        rates = data.get("throughput")
        if rates:
            lines += [
                "",
                f"Throughput on the {args.throughput_size} database: gunicorn with "
                f"{args.workers} sync workers, locust with {args.users} users for "
                f"{args.seconds} s per page over loopback (the load generator shares the "
                "machine).",
                "",
                f"Each page is measured in one run with its yardstick, the two taking turns "
                f"every {SLICE:g} s for {2 * args.seconds} s, so that both meet the same "
                "moments of the machine; the yardstick's rate in that run is in the "
                "`against` column. The yardsticks alone, each in a run of its own, come first.",
                "",
                "| page | req/s | against (req/s) | ratio | target | ok |",
                "|---|---|---|---|---|---|",
            ]
            lines += [
                f"| {label} | {rates[name]:.1f} | | | | |" for name, label in YARDSTICKS.items()
            ]
            for name, (_path, against, target) in THROUGHPUT.items():
                paired = rates[f"{name}@yardstick"]
                ratio = rates[name] / paired if paired else 0.0
                goal = f">= {target:.2f}" if target else "-"
                ok = verdict(ratio >= target) if target else "-"
                lines.append(
                    f"| {name} | {rates[name]:.1f} | {against} ({paired:.1f}) | {ratio:.2f} "
                    f"| {goal} | {ok} |"
                )
        lines += ["", f"Query plans ({vendor}, 100x database):", ""]
        for name, plan in sizes["100x"]["plans"].items():
            lines += [f"- {name}:", "", "```", plan, "```", ""]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8130")))
    parser.add_argument("--throughput-size", default="100x", choices=[*servers.SIZES, "none"])
    parser.add_argument("--output", default=str(servers.ROOT / "docs" / "performance.md"))
    parser.add_argument(
        "--skip-sqlite", action="store_true", help="PostgreSQL only (with DATABASE_URL)"
    )
    args = parser.parse_args()
    if min(args.requests, args.seconds, args.users, args.workers) < 1:
        parser.error("--requests, --seconds, --users and --workers must be 1 or more")

    base_url = os.environ.get("DATABASE_URL", "")
    databases = {} if args.skip_sqlite else {"SQLite": ""}
    if servers.is_postgres(base_url):
        databases["PostgreSQL"] = base_url
    if not databases:
        parser.error("--skip-sqlite needs DATABASE_URL=postgres://...")
    workdir = Path(tempfile.mkdtemp(prefix="ccwg-bench-"))
    static_root = workdir / "static"
    started = time.monotonic()
    # Every process of the run (in-process measurements, gunicorn) reads the same collected,
    # hashed static files, as production does.
    os.environ["DJANGO_STATIC_ROOT"] = str(static_root)
    os.environ["BENCH_STATIC_COPIES"] = str(static_root / STATIC_COPIES)
    servers.collect_static(servers.database_for(None, "static", workdir), static_root)
    results: dict = {}
    for vendor, url in databases.items():
        print(f"{vendor}:")
        results[vendor] = {"sizes": {}}
        base = servers.database_for(url, "bench_base", workdir)
        credentials = servers.build(base)
        dbs = {}
        for size in servers.SIZES:
            dbs[size] = servers.database_for(url, f"bench_{size}", workdir, copy_of=base)
            servers.grow(dbs[size], size)
        # The sizes' requests are interleaved one by one (measure): a slower moment of the
        # machine falls on every size alike instead of on whichever size it met.
        for size, measured in measure(dbs, credentials, args.requests).items():
            results[vendor]["sizes"][size] = measured
            for page, row in measured["pages"].items():
                print(
                    f"  {size:5} {page:22} {row['queries']:3} queries "
                    f"({row['queries_cold']} cold)  {row['median_ms']:8.1f} ms"
                )
        if args.throughput_size in dbs:
            results[vendor]["throughput"] = throughput(
                dbs[args.throughput_size], credentials, args, static_root
            )
    text = report(results, args)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text)
    print(text)
    print(f"bench: {time.monotonic() - started:.0f} s; written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
