"""The pages `make bench` measures in-process (bench/measure.py), by name: (path, who) --
"member" with a session, "anonymous", or "token" for the API."""

PAGES: dict[str, tuple[str, str]] = {
    "report page (draft)": ("/reports/CCWG-IG/2017/", "member"),
    **{f"draft {f}": (f"/reports/CCWG-IG/2017.{f}", "member") for f in ("pdf", "docx", "md")},
    "draft html": ("/reports/CCWG-IG/2017.html", "member"),
    **{
        f"published {f}": (f"/reports/CCWG-IG/2017.{f}?version=1", "anonymous")
        for f in ("pdf", "docx", "md", "html")
    },
    "dashboard": ("/?group=CCWG-IG", "member"),
    "meeting list": ("/meetings/?group=CCWG-IG&year=2017", "member"),
    "API meetings": ("/api/v1/meetings/?working_group=CCWG-IG&year=2017", "token"),
    "API process inputs": ("/api/v1/process-inputs/?working_group=CCWG-IG&year=2017", "token"),
}
