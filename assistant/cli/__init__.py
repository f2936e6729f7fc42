"""The command line, `ng234 …` or `python -m assistant …`: public, so add, don't rename.

One module per subcommand (or group), each with `add(subparsers)`; `command` lists them.
"""

from assistant.cli.command import build_parser, main

__all__ = ["build_parser", "main"]
