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

import math
import os
import warnings
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Generic, Required, TypedDict, TypeVar, Unpack

from django.core.exceptions import ImproperlyConfigured

# The methods below are named after the types they return, which hides those types inside
# the class body: annotations there use these names.
Text = str
Whole = int
Number = float
Flag = bool
Texts = list[str]

T = TypeVar("T")
N = TypeVar("N", int, float)

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


@dataclass(frozen=True)
class Kind(Generic[T]):
    """What a variable's value must be, and how it is read (ValueError: it is not that)."""

    expects: str
    parse: Callable[[str], T]


def _at_least(minimum: float | None, parse: Callable[[str], N]) -> Callable[[str], N]:
    def checked(value: str) -> N:
        number = parse(value)
        if minimum is not None and number < minimum:
            raise ValueError(value)
        return number

    return checked


def _finite(value: str) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _flag(value: str) -> bool:
    word = value.strip().lower()
    if word not in TRUE + FALSE:
        raise ValueError(value)
    return word in TRUE


def _one_of(choices: Collection[str]) -> Callable[[str], str]:
    def checked(value: str) -> str:
        if choices and value not in choices:
            raise ValueError(value)
        return value

    return checked


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _bound(minimum: float | None) -> str:
    return "" if minimum is None else f" of at least {minimum:g}"


class Declaration(TypedDict, total=False):
    """What every declaration says besides its name, type and default."""

    help: Required[str]  # what the variable means, for the table
    shown: str  # the default as the table writes it, when it is not the value itself
    replaces: str  # the variable's old name, still read while the new one is not set


class Environment:
    """The variables of one environment (`os.environ` for the site), read only by declaring
    them: `env.int(name, default=..., help=...)` and its siblings."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        self.declared: dict[str, Variable] = {}

    def given(self, name: Text) -> Flag:
        """Whether a declared variable is set to something other than blank."""
        if name not in self.declared:
            raise ImproperlyConfigured(f"{name} is read before it is declared")
        return bool(self._environ.get(name, "").strip())

    def str(
        self,
        name: Text,
        *,
        default: Text,
        choices: Collection[Text] = (),
        **said: Unpack[Declaration],
    ) -> Text:
        expects = "one of " + ", ".join(choices) if choices else "text"
        return self._read(name, default, Kind(expects, _one_of(choices)), **said)

    def int(
        self,
        name: Text,
        *,
        default: Whole,
        minimum: Whole | None = None,
        **said: Unpack[Declaration],
    ) -> Whole:
        kind = Kind("a whole number" + _bound(minimum), _at_least(minimum, int))
        return self._read(name, default, kind, **said)

    def float(
        self,
        name: Text,
        *,
        default: Number,
        minimum: Number | None = None,
        **said: Unpack[Declaration],
    ) -> Number:
        kind = Kind("a number" + _bound(minimum), _at_least(minimum, _finite))
        return self._read(name, default, kind, **said)

    def bool(self, name: Text, *, default: Flag, **said: Unpack[Declaration]) -> Flag:
        expects = f"on ({'/'.join(TRUE)}) or off ({'/'.join(FALSE)})"
        return self._read(name, default, Kind(expects, _flag), **said)

    def list(self, name: Text, *, default: Texts, **said: Unpack[Declaration]) -> Texts:
        return self._read(name, default, Kind("a comma-separated list", _items), **said)

    def _read(self, name: Text, default: T, kind: Kind[T], **said: Unpack[Declaration]) -> T:
        replaces = said.get("replaces")
        variable = Variable(
            name=name,
            help=said["help"],
            default=said.get("shown") or shown(default),
            replaces=replaces,
        )
        if self.declared.setdefault(name, variable) != variable:
            # The same declaration again is a module read twice; another is a mistake.
            raise ImproperlyConfigured(f"{name} is declared twice, differently")
        given = self._given_as(name, replaces)
        if given is None:
            return default
        read_as, value = given
        try:
            return kind.parse(value)
        except ValueError:
            raise ImproperlyConfigured(f"{read_as} must be {kind.expects}, not {value!r}") from None

    def _given_as(self, name: Text, replaces: Text | None) -> tuple[Text, Text] | None:
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


#: The site's environment: every settings module declares what it reads here.
env = Environment(os.environ)
