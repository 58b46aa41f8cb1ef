"""`make load`: locust headless, bounded in time, loopback only -- 64 concurrent users for
30 s on the dashboard, the report page, the downloads (draft and published) and the API
lists, against gunicorn and PostgreSQL; zero errors expected. The figures go to
docs/reliability.md (between the `load` markers, leaving the rest of the file alone).

    python bench/load.py [--users 64] [--seconds 30] [--workers 3] [--port 8133]
                         [--output docs/reliability.md] [--allow-sqlite]

The database is a fresh one beside DATABASE_URL's (`<name>_load`) with the 2017 sample, its
report published and a new draft started. Every page is requested once before the run, so
the drafts are rendered and cached as they are in steady state (a cold draft PDF takes a
second or more to render). Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers

PAGES = [
    "/?group=CCWG-IG",
    "/reports/CCWG-IG/2017/",
    *(f"/reports/CCWG-IG/2017.{fmt}" for fmt in ("pdf", "docx", "md", "html")),
    *(f"/published/CCWG-IG/2017.{fmt}" for fmt in ("pdf", "docx", "md", "html")),
    "/meetings/?group=CCWG-IG&year=2017",
    "/api/v1/meetings/?working_group=CCWG-IG&year=2017",
    "/api/v1/process-inputs/?working_group=CCWG-IG",
    "/api/v1/reports/",
]
START, END = "<!-- load:start -->", "<!-- load:end -->"


def paths() -> list[str]:
    """Published downloads are `?version=1` of the report's URL, requested anonymously."""
    return [
        p.replace("/published/", "/reports/") + "?version=1" if p.startswith("/published/") else p
        for p in PAGES
    ]


def warm(base: str, credentials: dict) -> None:
    for path in paths():
        servers.warm(base, path, credentials)


def section(rows: dict, args, vendor: str) -> str:
    total = rows["Aggregated"]
    lines = [
        START,
        "## Load (`make load`)",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, `bench/load.py`: locust headless, "
        f"{args.users} concurrent users for {args.seconds} s over loopback, against gunicorn "
        f"({args.workers} sync workers) on {vendor}, the 2017 sample with its report published "
        "and a new draft (drafts warmed in the cache first). Throttling is off for the run "
        "(`bench/settings.py`).",
        "",
        f"**{total['requests']:.0f} requests, {total['failures']:.0f} errors, "
        f"{total['rps']:.1f} req/s, median {total['median']:.0f} ms, "
        f"p95 {total['p95']:.0f} ms.**",
        "",
        "| request | requests | errors | median ms | p95 ms |",
        "|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        if name in ("Aggregated", "errors"):
            continue
        lines.append(
            f"| `{name}` | {row['requests']:.0f} | {row['failures']:.0f} "
            f"| {row['median']:.0f} | {row['p95']:.0f} |"
        )
    for error, count in rows.get("errors", {}).items():
        lines.append(f"\nError ({count:.0f}x): {error}")
    lines += ["", END]
    return "\n".join(lines)


def write(output: Path, text: str) -> None:
    if output.exists():
        current = output.read_text()
        if START in current and END in current:
            before, rest = current.split(START, 1)
            after = rest.split(END, 1)[1]
            output.write_text(before + text + after)
            return
        output.write_text(current.rstrip("\n") + "\n\n" + text + "\n")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("# Reliability\n\n" + text + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", "8133")))
    parser.add_argument("--output", default=str(servers.ROOT / "docs" / "reliability.md"))
    parser.add_argument(
        "--allow-sqlite", action="store_true", help="run on SQLite when DATABASE_URL is not set"
    )
    args = parser.parse_args()
    if args.users < 1 or not 1 <= args.seconds <= 600 or args.workers < 1:
        parser.error("--users and --workers must be 1 or more, --seconds within 1..600")
    base_url = os.environ.get("DATABASE_URL", "")
    if not servers.is_postgres(base_url) and not args.allow_sqlite:
        parser.error(
            "make load runs against PostgreSQL: set DATABASE_URL=postgres://... "
            "(or pass --allow-sqlite)"
        )
    workdir = Path(tempfile.mkdtemp(prefix="ccwg-load-"))
    db = servers.database_for(base_url, "load", workdir)
    vendor = "PostgreSQL" if servers.is_postgres(db) else "SQLite"
    print(f"load: building the database ({vendor})")
    static_root = workdir / "static"
    os.environ["DJANGO_STATIC_ROOT"] = str(static_root)
    servers.collect_static(db, static_root)
    credentials = servers.build(db, "1x")
    with servers.gunicorn(
        db, args.port, workers=args.workers, static_root=static_root, timeout=60
    ) as base:
        warm(base, credentials)
        print(f"load: {args.users} users for {args.seconds} s against {base}")
        rows = servers.locust(
            base,
            paths(),
            users=args.users,
            seconds=args.seconds,
            credentials=credentials,
            anonymous_prefixes=(),
        )
    text = section(rows, args, vendor)
    write(Path(args.output), text)
    print(text)
    total = rows["Aggregated"]
    return 0 if total["failures"] == 0 and total["requests"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
