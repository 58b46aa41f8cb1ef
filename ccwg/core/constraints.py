"""A model's check constraints validated in one query.

Django validates each `CheckConstraint` of a model (`full_clean`) with a query of its own,
each in a savepoint when a transaction is open: three statements per constraint, on every
validation of every record. `ChecksInOneQuery` asks the database about all of them at once,
with the same rules as Django's (the constraint's condition on the record's values; unknown,
NULL, passes; a constraint on a field left out of the validation is not checked).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db import models, router
from django.db.models import BooleanField, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


class ChecksInOneQuery:
    """Mixin for a model (before `models.Model` in its bases): see the module."""

    def validate_constraints(self, exclude: Any = None) -> None:
        assert isinstance(self, models.Model)
        using = router.db_for_write(type(self), instance=self)
        errors: dict[str, list[ValidationError]] = {}
        query = Query(None)
        checks: list[models.CheckConstraint] = []
        for model, constraints in self.get_constraints():
            against = self._get_field_expression_map(  # type: ignore[attr-defined]
                meta=model._meta, exclude=exclude
            )
            for name, value in against.items():
                if name not in query.annotations:
                    if not hasattr(value, "resolve_expression"):
                        value = Value(value)
                    query.add_annotation(value, name, select=False)
            for constraint in constraints:
                if not isinstance(constraint, models.CheckConstraint):
                    try:
                        constraint.validate(  # type: ignore[attr-defined]
                            model, self, exclude=exclude, using=using
                        )
                    except ValidationError as refused:
                        fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
                        if getattr(refused, "code", None) == "unique" and len(fields) == 1:
                            errors.setdefault(fields[0], []).append(refused)
                        else:
                            errors = refused.update_error_dict(errors)
                    continue
                condition = Coalesce(Q(constraint.condition), True, output_field=BooleanField())
                try:
                    query.add_annotation(condition, f"_check_{len(checks)}")
                except FieldError:
                    continue  # a field left out of the validation
                checks.append(constraint)
        if checks:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
            for constraint, passed in zip(checks, row, strict=True):
                if not passed:
                    violation = ValidationError(
                        constraint.get_violation_error_message(),
                        code=constraint.violation_error_code,
                    )
                    errors = violation.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
