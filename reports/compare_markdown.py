"""A `reports.compare.Comparison` as GitHub Flavored Markdown: one heading per changed,
added or removed section (at the section's level in the report), its changes as a list
(inserted words `**+…**`, deleted `~~…~~`); an unchanged section is one list item."""

from __future__ import annotations

from reports.compare import Change, ChangeKind, Comparison, Mark, SectionChanges, SectionState
from reports.renderers.markdown import esc


def _words(change: Change) -> str:
    parts = []
    for fragment in change.fragments:
        text = esc(fragment.text)
        if fragment.mark == Mark.INS:
            parts.append(f"**+{text}**")
        elif fragment.mark == Mark.DEL:
            parts.append(f"~~{text}~~")
        else:
            # `esc` trims; the spaces between words and marks are kept
            lead = " " if fragment.text[:1].isspace() else ""
            tail = " " if fragment.text[-1:].isspace() and fragment.text.strip() else ""
            parts.append(f"{lead}{text}{tail}" if text else " ")
    return "".join(parts)


def change_line(change: Change) -> str:
    label = f"**{change.label}:**"
    if change.kind == ChangeKind.INSERTED:
        return f"- {label} **+{esc(change.new)}**"
    if change.kind == ChangeKind.DELETED:
        return f"- {label} ~~{esc(change.old)}~~"
    return f"- {label} {_words(change)}"


def section_lines(entry: SectionChanges) -> list[str]:
    section = entry.section
    if entry.state == SectionState.UNCHANGED:
        was = f" (was {esc(entry.old.heading)})" if entry.old and entry.renumbered else ""
        return [f"- *{esc(section.heading)}*: unchanged{was}"]
    lines = [f"{'#' * section.level} {esc(section.heading)} ({entry.state})", ""]
    if entry.old is not None and (entry.renumbered or entry.retitled):
        lines += [f"*Was {esc(entry.old.heading)}.*", ""]
    if entry.state in (SectionState.ADDED, SectionState.REMOVED):
        count = len(section.sentences)
        lines += [
            f"{count} sentence{'s' if count != 1 else ''}, only in the "
            f"{'newer' if entry.state == SectionState.ADDED else 'older'} version.",
            "",
        ]
        return lines
    lines += [change_line(change) for change in entry.changes]
    return [*lines, ""] if entry.changes else lines


def comparison_markdown(comparison: Comparison, *, title: str, old: str, new: str) -> str:
    """The whole document: a title, what is compared with what, a count, the sections."""
    counts = ", ".join(f"{count} {label}" for label, count in comparison.counts())
    lines = [
        f"# {esc(title)}",
        "",
        f"- **From:** {esc(old)}",
        f"- **To:** {esc(new)}",
        "",
        f"Sections: {counts}.",
        "",
    ]
    for entry in comparison.sections:
        if entry.state != SectionState.UNCHANGED and lines[-1]:
            lines.append("")  # the end of a list of unchanged sections
        lines += section_lines(entry)
    return "\n".join(lines).rstrip() + "\n"
