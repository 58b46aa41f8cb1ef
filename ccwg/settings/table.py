"""The README's table of environment variables, printed from their declarations
(`ccwg.settings.environment`); tests/ccwg/test_settings.py holds the README to it.

    python -m ccwg.settings.table              # print the table
    python -m ccwg.settings.table README.md    # rewrite it in README.md, between its markers

`make settings-table` does the second. Importing this module loads the settings package
first, so every declaration is recorded by then.
"""

import sys
from collections.abc import Iterable
from pathlib import Path

from ccwg.settings.environment import Variable, env

BEGIN = "<!-- environment variables: from their declarations, `make settings-table` -->"
END = "<!-- end of the environment variables -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(variables: Iterable[Variable]) -> str:
    rows = ["| variable | meaning | default |", "|---|---|---|"]
    for variable in variables:
        meaning = variable.help
        if variable.replaces:
            meaning += f" (formerly `{variable.replaces}`, still read, with a warning)"
        rows.append(f"| `{variable.name}` | {_cell(meaning)} | {_cell(variable.default)} |")
    return "\n".join(rows) + "\n"


def table_in(readme: str) -> str:
    """The table between the README's markers."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no {BEGIN} ... {END} block")
    return readme[start + len(BEGIN) : end].strip("\n") + "\n"


def with_table(readme: str, table: str) -> str:
    """The README with `table` between its markers."""
    table_in(readme)  # the markers are there
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return f"{readme[:start]}\n{table}{readme[end:]}"


def main(arguments: list[str]) -> int:
    table = markdown_table(env.declared.values())
    if not arguments:
        sys.stdout.write(table)
        return 0
    readme = Path(arguments[0])
    try:
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), table), encoding="utf-8")
    except (OSError, ValueError) as error:
        sys.stderr.write(f"{readme}: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
