"""Agendas as plain data: `item("Title", item("Sub-item"), ...)` nests to any depth."""


def item(title: str, *children: dict) -> dict:
    """An agenda item with its sub-items, as `meetings.services` takes it."""
    return {"title": title, "children": list(children)}
