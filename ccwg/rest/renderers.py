"""DRF's browsable API under the site's Content-Security-Policy (no `'unsafe-inline'`).

DRF's templates carry a few fixed `style="..."` attributes (a floated button, a fieldset's
border) and, with Pygments installed, an inline `<style>` block of code colours. The block
is left out (the page highlights with its own static script); each attribute value is
allowed by its hash (`style-src-attr 'unsafe-hashes' 'sha256-...'`), so those exact
declarations apply and nothing else inline does.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import rest_framework
from rest_framework import renderers

_STYLE_ATTRIBUTE = re.compile(r'style="([^"{}]*)"')


@functools.cache
def style_attribute_sources() -> tuple[str, ...]:
    """`'unsafe-hashes'` and the hash of every fixed style attribute of DRF's templates."""
    root = Path(rest_framework.__file__).parent / "templates" / "rest_framework"
    values = {
        value
        for template in root.rglob("*.html")
        for value in _STYLE_ATTRIBUTE.findall(template.read_text(encoding="utf-8"))
    }
    hashes = sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(value.encode()).digest()).decode() + "'"
        for value in values
    )
    return ("'unsafe-hashes'", *hashes)


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """The HTML pages of the API, as DRF draws them, within the site's policy."""

    def get_context(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(*args, **kwargs)
        context["code_style"] = None  # an inline <style> block
        return context

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> Any:
        content = super().render(data, accepted_media_type, renderer_context)
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src-attr": list(style_attribute_sources())}
        return content
