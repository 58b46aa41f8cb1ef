"""The report as Markdown (CommonMark with a GFM table for the teleconferences).

Every piece of record text is escaped, so a title with `*`, `[`, `|` or `<script>` stays text;
narrative Markdown is re-emitted from its sanitized blocks, never copied raw.
"""

from __future__ import annotations

import re

from reports.assembly.data import AgendaEntry, Link, ReportData, Session, StatementData
from reports.markup import Block, RichText, Run

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_MARK = re.compile(r"^([#>+\-=])")
_ORDERED_MARK = re.compile(r"^(\d+)([.)])")


def esc(text: str) -> str:
    """Markdown-escape inline text (not at the start of a line); newlines become spaces."""
    text = " ".join((text or "").split())
    text = _SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def _line(escaped: str) -> str:
    """Make already escaped text safe at the start of a line or a list item."""
    escaped = _ORDERED_MARK.sub(r"\1\\\2", escaped)
    return _BLOCK_MARK.sub(r"\\\1", escaped)


def esc_line(text: str) -> str:
    """Escape text that starts a line or a list item: `1.`, `#`, `-`, `>` stay text."""
    return _line(esc(text))


def _url(url: str) -> str:
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _run(run: Run) -> str:
    text = run.text.replace("\n", " ")
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    core = esc(text.strip())
    if not core:
        return text and " "
    if run.code:
        core = f"`{text.strip().replace('`', '')}`"
    if run.italic:
        core = f"*{core}*"
    if run.bold:
        core = f"**{core}**"
    if run.href:
        core = f"[{core}]({_url(run.href)})"
    return f"{lead and ' '}{core}{tail and ' '}"


def _runs(runs) -> str:
    return "".join(_run(run) for run in runs).strip()


def _block(block: Block, indent: str = "") -> list[str]:
    if block.kind in ("ul", "ol"):
        lines = []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}." if block.kind == "ol" else "-"
            lines.append(f"{indent}{marker} {_line(_runs(item.runs))}")
            for child in item.children:
                lines += _block(child, indent + " " * (len(marker) + 1))
        return [*lines, ""]
    text = _line(_runs(block.runs))
    if block.kind == "quote":
        return [f"{indent}> {text}", ""]
    return [f"{indent}{text}", ""]


def _rich(rich: RichText) -> list[str]:
    lines: list[str] = []
    for block in rich.blocks:
        lines += _block(block)
    return lines


def _links(links: tuple[Link, ...], indent: str = "") -> list[str]:
    lines = []
    for link in links:
        if link.url:
            lines.append(f"{indent}- {esc_line(link.title)}: available [here]({_url(link.url)}).")
        else:
            lines.append(f"{indent}- {esc_line(link.title)} (link to be added).")
    return [*lines, ""] if lines else []


def _statement(statement: StatementData, indent: str = "") -> list[str]:
    lines = [f"{indent}**{esc(statement.lead)}**", ""]
    last = len(statement.paragraphs) - 1
    for i, paragraph in enumerate(statement.paragraphs):
        text = ("“" if i == 0 else "") + esc(paragraph) + ("”" if i == last else "")
        lines += [f"{indent}> {text}", f"{indent}>"]
    if lines[-1].strip() == ">":
        lines.pop()
    return [*lines, ""]


def _agenda(entries: tuple[AgendaEntry, ...], indent: str = "") -> list[str]:
    """Nested list; the label is written out (`1.`, `a.`, `i.`) so it is the same everywhere."""
    lines = []
    for entry in entries:
        lines.append(f"{indent}- {esc_line(entry.label)} {esc(entry.title)}")
        inner = indent + "  "
        for note in entry.notes:
            lines += ["", f"{inner}{esc_line(note)}"]
        for statement in entry.statements:
            lines += ["", *_statement(statement, inner)]
        if entry.links:
            lines += ["", *_links(entry.links, inner)]
        if entry.children:
            if entry.notes or entry.statements or entry.links:
                lines.append("")
            lines += _agenda(entry.children, inner)
    return lines


def _session(session: Session, *, show_title: bool = False, agenda_label: str = "Agenda:"):
    lines = []
    if session.heading:
        lines += [f"#### {esc(session.heading)}", ""]
    if show_title:
        status = "" if session.is_held else f" ({session.status_label.lower()})"
        lines += [f"**{esc(session.title)}**{esc(status)}  ", f"*{esc(session.when)}*", ""]
    else:
        lines += [f"*{esc(session.when)}*", ""]
    if session.summary:
        lines += [esc_line(session.summary), ""]
    if session.speakers:
        lines += ["**Speakers:**", ""]
        lines += [f"- {esc_line(s.text)}" for s in session.speakers] + [""]
    if session.agenda:
        lines += [f"**{esc(agenda_label)}**", "", *_agenda(session.agenda), ""]
    for statement in session.statements:
        lines += _statement(statement)
    if session.outcomes:
        lines += ["**Conclusions from the discussion in the session:**", ""]
        lines += [f"- {esc_line(o)}" for o in session.outcomes] + [""]
    lines += _rich(session.notes)
    if session.links:
        lines += ["**For more information:**", "", *_links(session.links)]
    return lines


def _cell_agenda(entries: tuple[AgendaEntry, ...]) -> list[str]:
    out = []
    for entry in entries:
        pad = "&nbsp;" * (4 * entry.depth)
        out.append(f"{pad}{esc(entry.label)} {esc(entry.title)}")
        for statement in entry.statements:
            out.append(f"{pad}**{esc(statement.lead)}**")
            last = len(statement.paragraphs) - 1
            for i, paragraph in enumerate(statement.paragraphs):
                quote = ("“" if i == 0 else "") + esc(paragraph) + ("”" if i == last else "")
                out.append(f"{pad}*{quote}*")
        for link in entry.links:
            if link.url:
                out.append(f"{pad}{esc(link.title)}: [here]({_url(link.url)})")
        out += _cell_agenda(entry.children)
    return out


def render(data: ReportData) -> bytes:
    h = data.headings
    out: list[str] = [f"# {esc(data.title)}", ""]
    meta = f"ICANN · Period: {data.period_label}"
    if data.version > 1:
        meta += f" · Version {data.version}"
    out += [esc_line(meta) + "  ", ""]
    if data.published_at:
        out += [f"*Published on {esc(data.published_label)}*", ""]
    else:
        out += ["*Draft: not yet published*", ""]

    out += ["## Contents", ""]
    for heading in data.toc:
        out.append("  " * (heading.level - 1) + f"- {esc_line(heading.text)}")
    out.append("")

    out += [f"## {esc(h['introduction'].text)}", "", *_rich(data.introduction)]
    if data.resources_note:
        out += [f"**Resources.** {esc(data.resources_note)}", ""]

    out += [f"## {esc(h['events'].text)}", "", f"### {esc(h['icann'].text)}", ""]
    for entry in data.icann_meetings:
        out += [f"#### {esc(entry.label)}", ""]
        for session in entry.sessions:
            out += _session(session, show_title=True)
        if entry.absence_note:
            out += [esc_line(entry.absence_note), ""]
    if not data.icann_meetings:
        out += ["No ICANN meeting took place in this period.", ""]

    out += [f"### {esc(h['external'].text)}", ""]
    for event in data.external_events:
        out += [f"#### {esc(event.heading.text)}", "", f"*{esc(event.dates_place)}*", ""]
        for session in event.sessions:
            out += _session(session, agenda_label="Agenda overview:")
        out += _links(event.links)
    if not data.external_events:
        out += ["No participation in external events is recorded for this period.", ""]

    out += [f"### {esc(h['inputs'].text)}", "", esc_line(data.inputs_intro), ""]
    for process in data.processes:
        out += [f"#### {esc(process.heading.text)}", ""]
        out += _rich(process.description)
        for item in process.inputs:
            out += [esc_line(item.lead), "", *_rich(item.summary), *_rich(item.outcome)]
            out += _links(item.links)
        out += _links(process.links)

    out += [f"### {esc(h['internal'].text)}", "", *_rich(data.internal_work_intro)]
    out += [f"#### {esc(h['face_to_face'].text)}", ""]
    for session in data.face_to_face:
        lines = _session(session, agenda_label="Topics discussed:")
        if lines and lines[0].startswith("#### "):
            lines[0] = "#####" + lines[0][4:]
        out += lines
    if not data.face_to_face:
        out += ["No face-to-face meeting is recorded for this period.", ""]

    out += [f"#### {esc(h['teleconferences'].text)}", ""]
    if data.teleconferences:
        out += ["| Date | In attendance | Topics discussed |", "| --- | --- | --- |"]
        for row in data.teleconferences:
            topics = _cell_agenda(row.agenda)
            for statement in row.statements:
                topics.append(f"**{esc(statement.lead)}**")
                topics += [f"*{esc(p)}*" for p in statement.paragraphs]
            cells = [esc(row.date_label), esc(row.attendance), "<br>".join(topics)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    else:
        out += ["No teleconference is recorded for this period.", ""]

    out += [f"## {esc(h['way_forward'].text)}", "", *_rich(data.way_forward)]
    if data.chartership_changes:
        out += ["**Changes to the chartering organizations:**", ""]
        out += [f"- {esc_line(change)}" for change in data.chartership_changes] + [""]
    if data.chartering_organizations:
        names = ", ".join(data.chartering_organizations)
        out += [esc_line(f"Chartering organizations at the end of the period: {names}."), ""]
    if data.successor:
        out += [esc_line(data.successor), ""]

    out += [f"## {esc(h['threats'].text)}", "", *_rich(data.threats_intro)]
    for threat in data.threats:
        out += [f"### {esc(threat.heading.text)}", "", *_rich(threat.description)]
        if threat.processes:
            out += [f"**Processes:** {esc('; '.join(threat.processes))}", ""]
        if threat.milestone:
            out += [f"**Next milestone:** {esc(threat.milestone)}", ""]

    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text.encode("utf-8")
