"""OPTIONS answers for the API: DRF's field metadata, made safe for recursive serializers.

DRF's `SimpleMetadata` describes nested serializers by recursing into them; a serializer that
nests itself (the agenda tree's `children`) recursed without end (a 500 on `OPTIONS
/api/v1/meetings/`). Here a serializer class already being described higher up is named,
not described again.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.metadata import SimpleMetadata


class SafeMetadata(SimpleMetadata):
    def __init__(self) -> None:
        super().__init__()
        self._describing: list[type] = []

    def get_serializer_info(self, serializer: Any) -> dict[str, Any]:
        inner = getattr(serializer, "child", serializer)
        kind = type(inner)
        if kind in self._describing:
            return {"recursive": {"type": "nested object", "serializer": kind.__name__}}
        self._describing.append(kind)
        try:
            return dict(super().get_serializer_info(serializer))
        finally:
            self._describing.pop()

    def get_field_info(self, field: serializers.Field) -> dict[str, Any]:
        return dict(super().get_field_info(field))
