"""Answers to `OPTIONS`: DRF's description of the fields, bounded for recursive serializers.

DRF's `SimpleMetadata` describes nested serializers by descending into them. A serializer
that nests itself (a meeting's agenda items have `children` that are agenda items) would be
descended into without end, until `RecursionError`. Here a serializer class met again
inside itself is described once, at its first place, and its recurrences answer
`{"type": "nested object", "recursive": true, "same_as": "<path>"}`: the dotted place
(e.g. `agenda.child`) where its fields are listed. The full structure is in the OpenAPI
schema (`/api/schema/`).
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.metadata import SimpleMetadata
from rest_framework.utils.field_mapping import ClassLookupDict


class BoundedMetadata(SimpleMetadata):
    """`SimpleMetadata` that stops where a serializer recurs into itself."""

    label_lookup = ClassLookupDict(
        {**SimpleMetadata.label_lookup.mapping, serializers.ListSerializer: "list"}  # type: ignore[dict-item]
    )

    def determine_metadata(self, request: Any, view: Any) -> dict[str, Any]:
        self._open: dict[type, str] = {}
        self._path: list[str] = []
        return super().determine_metadata(request, view)

    def get_serializer_info(self, serializer: Any) -> dict[str, Any]:
        if hasattr(serializer, "child"):
            serializer = serializer.child
        kind = type(serializer)
        self._open[kind] = ".".join(self._path)
        try:
            info = {}
            for name, field in serializer.fields.items():
                if isinstance(field, serializers.HiddenField):
                    continue
                self._path.append(name)
                try:
                    info[name] = self.get_field_info(field)
                finally:
                    self._path.pop()
            return info
        finally:
            del self._open[kind]

    def _recurrence(self, field: Any) -> dict[str, Any] | None:
        """Where `field` is a serializer already being described: a pointer to it."""
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.BaseSerializer) and type(field) in self._open:
            return {
                "type": "nested object",
                "required": field.required,
                "read_only": field.read_only,
                "recursive": True,
                "same_as": self._open[type(field)] or "(the record)",
            }
        return None

    def get_field_info(self, field: Any) -> dict[str, Any]:
        pointer = self._recurrence(field)
        if pointer is not None:
            if isinstance(field, serializers.ListSerializer):
                return {
                    "type": "list",
                    "required": field.required,
                    "read_only": field.read_only,
                    "child": {**pointer, "required": True, "read_only": field.read_only},
                }
            return pointer
        if getattr(field, "child", None) is not None:
            self._path.append("child")
            try:
                return super().get_field_info(field)
            finally:
                self._path.pop()
        return super().get_field_info(field)
