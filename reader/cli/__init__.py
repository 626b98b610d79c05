"""The ``parallax`` command line: one module per subcommand, all calling the same core.

``parallax [CORPUS]`` opens the app; ``parallax align|annotate|annotations|export|figures|quotes|
tagset ...`` run without it. Every expected failure is one line on stderr and a non-zero exit, never
a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reader import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "align": ("reader.cli.align", "find the passages and quotes shared by the articles"),
    "annotate": ("reader.cli.annotate", "add one annotation to the store"),
    "annotations": ("reader.cli.annotations", "list the annotations in the store"),
    "export": ("reader.cli.export", "export the tagged spans in the formats other tools read"),
    "figures": ("reader.cli.figures", "the figures the articles give for the same thing, disagreements first"),
    "quotes": ("reader.cli.quotes", "who is quoted, under one name, with the articles carrying each quotation"),
    "tagset": ("reader.cli.tagset", "show or set the tags the keys 1-9 apply in the app"),
}
OPEN = ("reader.cli.open", "open the reading room on a corpus (the default)")


class CommandError(Exception):
    """An expected failure: its message is printed as one line and the exit status is 2."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser (subcommands plus the default ``open``). With ``command``, only that
    subcommand's module is imported for its options: the others' modules (the aligner, the
    store, the exporter) stay unloaded, which ``parallax`` alone needs for a fast first screen."""
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Read several news articles about the same event side by side.",
        epilog="Run 'parallax COMMAND --help' for a command's options. "
        "With no command, 'parallax [CORPUS]' opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in {**COMMANDS, "open": OPEN}.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if command is None or name == command:
            importlib.import_module(module).add_arguments(sub)
        sub.set_defaults(module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("open", "-h", "--help", "--version")):
        args_list.insert(0, "open")
    command = args_list[0] if args_list[0] in COMMANDS or args_list[0] == "open" else None
    args = build_parser(command).parse_args(args_list)
    if args.command is None:
        args = build_parser("open").parse_args(["open"])
    from reader.core.text import printable

    try:
        return int(importlib.import_module(args.module).run(args) or 0)
    except CommandError as exc:
        print(f"parallax: {printable(str(exc), 1000)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
