"""`ng234 hooks serve`: the CDS Hooks 2.0 service on uvicorn (docs/INTEROP.md)."""

from __future__ import annotations

import argparse
import logging
import socket

from assistant.cli.console import emit
from assistant.errors import InvalidInputError
from assistant.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8502


def add(sub: argparse._SubParsersAction) -> None:
    """Register `ng234 hooks serve`."""
    p = sub.add_parser("hooks", help="The CDS Hooks service an EHR can call.")
    actions = p.add_subparsers(dest="hooks_action", metavar="ACTION")
    actions.required = True
    serve = actions.add_parser(
        "serve", help="Serve discovery, the ng234-mscc service and its feedback endpoint."
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address ({DEFAULT_HOST})")
    serve.add_argument("--port", default=str(DEFAULT_PORT), help=f"port ({DEFAULT_PORT})")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.set_defaults(func=run)


def port_number(text: str) -> int:
    """A TCP port from 1 to 65535, or InvalidInputError."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise InvalidInputError(
            f"--port must be a whole number from 1 to 65535, not {text!r}",
            hint=f"For example: ng234 hooks serve --port {DEFAULT_PORT}",
        )
    return int(text)


def check_listen(host: str, port: int) -> None:
    """InvalidInputError if the service could not listen on host:port (in use, no such address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise InvalidInputError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}",
            hint="Choose a free port with --port, or a local address with --host.",
        ) from exc


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until interrupted; a bad port or address is a one-line error, not a trace."""
    import uvicorn

    from assistant.interop.service import create_app

    port = port_number(args.port)
    check_listen(args.host, port)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = create_app(settings)
    emit(f"NG234 CDS Hooks service: http://{args.host}:{port}/cds-services")
    # No access log: our own line per call says what happened without the request's contents.
    uvicorn.run(app, host=args.host, port=port, log_level=args.log_level, access_log=False)
    return 0
