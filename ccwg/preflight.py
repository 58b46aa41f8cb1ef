"""The check `make run` makes before it starts the server: is the port free?

Runs as a plain script (standard library only), in isolated mode so that this folder does not shadow
the standard library: `.venv/bin/python -I ccwg/preflight.py port 127.0.0.1 8000`.
(The Makefile checks the Python version itself, before any of this can run.)
"""

import errno
import socket
import sys


def port_problem(host: str, port: str) -> str | None:
    """A message saying what to do when HOST:PORT cannot be listened on, or None."""
    try:
        number = int(port)
    except ValueError:
        return f"PORT must be a number, not {port!r}: make run PORT=8001"
    if not 0 < number < 65536:
        return f"PORT must be between 1 and 65535, not {number}: make run PORT=8001"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, number))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"Port {number} on {host} is already in use (is ccwg already running?).\n"
                    f"Stop the other server, or choose another port: make run PORT={number + 1}"
                )
            return (
                f"Cannot listen on {host}:{number}: {error.strerror}.\n"
                "Choose another address or port: make run HOST=127.0.0.1 PORT=8001"
            )
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "port":
        print("usage: preflight.py port HOST PORT", file=sys.stderr)
        return 2
    problem = port_problem(argv[1], argv[2])
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
