"""Every URL pattern of the project, walked from the resolver, and a real path for each.

`url_patterns()` lists each pattern once by its full route (as `ResolverMatch.route` gives
it: Django routes and regular expressions concatenated). `instantiate(route, world)` fills
its parameters with records of the world (tests.security.world) and checks the path
resolves back to the same pattern, so a test of the path is a test of that pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, resolve

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
_UNNAMED_GROUP = re.compile(r"\((?!\?)[^)]*\)")


def _walk(patterns: list[Any], prefix: str) -> Iterator[str]:
    for pattern in patterns:
        # As ResolverMatch.route joins them: a nested regular expression loses its "^".
        own = str(pattern.pattern)
        route = prefix + (own.removeprefix("^") if prefix else own)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def url_patterns() -> list[str]:
    """Every pattern's full route, in resolver order, each once."""
    return list(dict.fromkeys(_walk(get_resolver().url_patterns, "")))


def instantiate(route: str, values: dict[str, Any], groups: list[Any]) -> str:
    """A path for the route: `<conv:name>` and `(?P<name>...)` from `values`, unnamed
    regular-expression groups from `groups` in order."""
    path = _NAMED_GROUP.sub(lambda m: str(values[m.group("name")]), route)
    path = _PARAMETER.sub(lambda m: str(values[m.group("name")]), path)
    remaining = iter(groups)
    path = _UNNAMED_GROUP.sub(lambda m: str(next(remaining)), path)
    path = "/" + path.replace("^", "").replace("$", "")
    matched = resolve(path.split("?")[0]).route
    assert matched == route, f"{path} resolves to {matched!r}, not {route!r}"
    return path
