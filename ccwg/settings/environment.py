"""The environment variables the settings read, each declared once, with its default and
what it means.

A settings module reads a variable only by declaring it on `env`:

    EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25, help="the SMTP server's port")

returns the value, checked, and records the declaration; the README's table is printed from
the declarations (`python -m ccwg.settings.table`, `make settings-table`) and a test holds
the two together. No other module of the settings reads `os.environ`.

- An unset or blank variable takes its default.
- A value that does not parse stops the start with one line naming the variable and what it
  expects (`ImproperlyConfigured`; `manage.py` prints it without a traceback).
- A renamed variable is still read under its old name while the new one is not set, with a
  `RenamedVariableWarning` naming the new one.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

# The methods below are named after the types they return, which hides those types inside
# the class body: annotations there use these names.
Text = str
Whole = int
Number = float
Flag = bool
Texts = list[str]

T = TypeVar("T")

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


class RenamedVariableWarning(DeprecationWarning):
    """A variable set under its old name: set the new one instead."""


# Python hides deprecation warnings outside `__main__`; this one is for the people who run
# the site, so it is shown (once per place).
warnings.filterwarnings("default", category=RenamedVariableWarning)


@dataclass(frozen=True)
class Variable:
    """One declared variable, as the README's table shows it."""

    name: str
    help: str
    default: str  # the default as written in the table
    expects: str  # what a value must be
    replaces: str | None = None  # its old name, still read


def shown(value: object) -> str:
    """A default as the table writes it."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return ", ".join(f"`{item}`" for item in value) if value else "none"
    return f"`{value}`" if value else "none"


class Environment:
    """The variables of one environment (`os.environ` for the site), read only by declaring
    them."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        self.declared: dict[str, Variable] = {}

    def given(self, name: Text) -> Flag:
        """Whether a declared variable is set to something other than blank."""
        if name not in self.declared:
            raise ImproperlyConfigured(f"{name} is read before it is declared")
        return bool(self._environ.get(name, "").strip())

    def _declare(self, variable: Variable) -> None:
        known = self.declared.setdefault(variable.name, variable)
        if known != variable:  # the same declaration again is a module read twice
            raise ImproperlyConfigured(f"{variable.name} is declared twice, differently")

    def _raw(self, name: Text, replaces: Text | None) -> tuple[Text, Text] | None:
        """The name a value was set under and that value, or None for the default."""
        value = self._environ.get(name, "")
        if value.strip():
            return name, value
        old = self._environ.get(replaces, "") if replaces else ""
        if replaces and old.strip():
            warnings.warn(
                f"{replaces} is deprecated: set {name} instead",
                RenamedVariableWarning,
                stacklevel=4,  # the settings module's declaration
            )
            return replaces, old
        return None

    def _read(
        self,
        name: Text,
        *,
        default: T,
        help: Text,
        expects: Text,
        parse: Callable[[Text], T],
        shown_default: Text | None,
        replaces: Text | None,
    ) -> T:
        self._declare(
            Variable(
                name=name,
                help=help,
                default=shown(default) if shown_default is None else shown_default,
                expects=expects,
                replaces=replaces,
            )
        )
        given = self._raw(name, replaces)
        if given is None:
            return default
        read_as, value = given
        try:
            return parse(value)
        except ValueError:
            raise ImproperlyConfigured(f"{read_as} must be {expects}, not {value!r}") from None

    def str(
        self,
        name: Text,
        *,
        default: Text,
        help: Text,
        choices: Collection[Text] = (),
        shown: Text | None = None,
        replaces: Text | None = None,
    ) -> Text:
        def parse(value: Text) -> Text:
            if choices and value not in choices:
                raise ValueError(value)
            return value

        return self._read(
            name,
            default=default,
            help=help,
            expects="one of " + ", ".join(choices) if choices else "text",
            parse=parse,
            shown_default=shown,
            replaces=replaces,
        )

    def int(
        self,
        name: Text,
        *,
        default: Whole,
        help: Text,
        minimum: Whole | None = None,
        shown: Text | None = None,
        replaces: Text | None = None,
    ) -> Whole:
        def parse(value: Text) -> Whole:
            number = int(value)
            if minimum is not None and number < minimum:
                raise ValueError(value)
            return number

        return self._read(
            name,
            default=default,
            help=help,
            expects="a whole number" + (f" of at least {minimum}" if minimum is not None else ""),
            parse=parse,
            shown_default=shown,
            replaces=replaces,
        )

    def float(
        self,
        name: Text,
        *,
        default: Number,
        help: Text,
        minimum: Number | None = None,
        shown: Text | None = None,
        replaces: Text | None = None,
    ) -> Number:
        def parse(value: Text) -> Number:
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(value)  # nan, inf
            if minimum is not None and number < minimum:
                raise ValueError(value)
            return number

        return self._read(
            name,
            default=default,
            help=help,
            expects="a number" + (f" of at least {minimum:g}" if minimum is not None else ""),
            parse=parse,
            shown_default=shown,
            replaces=replaces,
        )

    def bool(
        self,
        name: Text,
        *,
        default: Flag,
        help: Text,
        shown: Text | None = None,
        replaces: Text | None = None,
    ) -> Flag:
        def parse(value: Text) -> Flag:
            word = value.strip().lower()
            if word in TRUE:
                return True
            if word in FALSE:
                return False
            raise ValueError(value)

        return self._read(
            name,
            default=default,
            help=help,
            expects=f"on ({'/'.join(TRUE)}) or off ({'/'.join(FALSE)})",
            parse=parse,
            shown_default=shown,
            replaces=replaces,
        )

    def list(
        self,
        name: Text,
        *,
        default: Texts,
        help: Text,
        shown: Text | None = None,
        replaces: Text | None = None,
    ) -> Texts:
        def parse(value: Text) -> Texts:
            return [item.strip() for item in value.split(",") if item.strip()]

        return self._read(
            name,
            default=default,
            help=help,
            expects="a comma-separated list",
            parse=parse,
            shown_default=shown,
            replaces=replaces,
        )


#: The site's environment: every settings module declares what it reads here.
env = Environment(os.environ)
