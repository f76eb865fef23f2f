"""rota serve | migrate | create-admin"""

import argparse
import asyncio
import getpass
import json
import os
import socket
import sys
import tempfile

from pydantic import ValidationError

from rota import __version__, migrations, observability
from rota.config import get_settings
from rota.users.models import Role


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _serve(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy.engine import make_url

    settings = get_settings()
    if not _port_free(args.host, args.port):  # before migrating: nothing done for a server that can't start
        print(f"error: {args.host}:{args.port} is in use; choose another --port", file=sys.stderr)
        return 1
    if not args.no_migrate:
        _report(migrations.upgrade(settings.session_url))
        os.environ["ROTA_AUTO_MIGRATE"] = "false"  # the workers need not check again
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # every worker writes its metrics here; /metrics adds them up, whichever worker answers
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="rota-metrics-")
    base = f"http://{args.host}:{args.port}"
    database = make_url(settings.database_url).render_as_string(hide_password=True)
    print(
        f"Rota {__version__}: console {base}/  API docs {base}/docs  metrics {base}/metrics\n"
        f"database {database}",
        file=sys.stderr,
    )
    uvicorn.run(
        "rota.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        log_config=observability.log_config(args.log_level, args.log_format == "json"),
    )
    return 0


def _report(applied: list[str]) -> None:
    if applied:
        for line in applied:
            print(f"applied {line}", file=sys.stderr)
    else:
        print("the database was already at the latest schema", file=sys.stderr)


def _migrate(args: argparse.Namespace) -> int:
    _report(migrations.upgrade(get_settings().session_url))
    return 0


async def _bootstrap(args: argparse.Namespace) -> dict:
    from rota.db.engine import create_engine, create_sessionmaker
    from rota.users import service

    settings = get_settings()
    engine = create_engine(settings.database_url, pooled=settings.pooled)
    try:
        async with create_sessionmaker(engine).begin() as session:
            org, user = await service.bootstrap_admin(
                session,
                args.org_name,
                args.email,
                args.password,
                args.full_name,
                exists_ok=args.exists_ok,
            )
            return {"organization_id": str(org.id), "user_id": str(user.id)}
    finally:
        await engine.dispose()


def _password(args: argparse.Namespace) -> str | None:
    """--password, else ROTA_ADMIN_PASSWORD, else asked for (twice) at a terminal."""
    if args.password is not None:
        return str(args.password)
    if os.environ.get("ROTA_ADMIN_PASSWORD"):
        return os.environ["ROTA_ADMIN_PASSWORD"]
    if not sys.stdin.isatty():
        print("error: give --password, set ROTA_ADMIN_PASSWORD, or run at a terminal", file=sys.stderr)
        return None
    first = getpass.getpass("Password for the admin: ")
    if first != getpass.getpass("Again: "):
        print("error: the passwords differ", file=sys.stderr)
        return None
    return first


def _create_admin(args: argparse.Namespace) -> int:
    from rota.errors import AppError
    from rota.users.schemas import UserCreate

    args.password = _password(args)
    if args.password is None:
        return 2
    try:
        UserCreate(email=args.email, full_name=args.full_name, password=args.password, role=Role.ADMIN)
    except ValidationError as exc:
        for err in exc.errors():
            print(f"error: {'.'.join(map(str, err['loc']))}: {err['msg']}", file=sys.stderr)
        return 2
    if not args.org_name.strip() or len(args.org_name) > 200:
        print("error: org-name must be 1 to 200 characters", file=sys.stderr)
        return 2
    _report(migrations.upgrade(get_settings().session_url))
    try:
        print(json.dumps(asyncio.run(_bootstrap(args))))
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    defaults = argparse.ArgumentDefaultsHelpFormatter
    parser = argparse.ArgumentParser(
        prog="rota",
        description="Team and hand-off routing service. Settings come from ROTA_* environment "
        "variables (ROTA_DATABASE_URL, default sqlite:///rota.db; see the README).",
        formatter_class=defaults,
    )
    parser.add_argument("--version", action="version", version=f"rota {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser(
        "serve",
        help="run the HTTP service (API, console, docs, metrics)",
        description="Migrates the database unless told not to, then serves the API, the web "
        "console at /, the API docs at /docs and /redoc, and Prometheus metrics at /metrics.",
        formatter_class=defaults,
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
    serve.add_argument(
        "--log-level",
        default="info",
        choices=["debug", "info", "warning", "error"],
        help="least level logged",
    )
    serve.add_argument(
        "--log-format",
        default="json",
        choices=["json", "text"],
        help="log lines as JSON (with the request id) or as text",
    )
    serve.add_argument("--no-migrate", action="store_true", help="do not migrate the schema first")
    serve.set_defaults(func=_serve)

    mig = sub.add_parser(
        "migrate", help="apply schema migrations to ROTA_DATABASE_URL", formatter_class=defaults
    )
    mig.set_defaults(func=_migrate)

    admin = sub.add_parser(
        "create-admin",
        help="create an organization's admin user",
        description="Creates an organization and its first admin, and prints their ids as JSON.",
        formatter_class=defaults,
    )
    admin.add_argument("--org-name", required=True, help="the new organization's name")
    admin.add_argument("--email", required=True, help="the admin's email, to sign in with")
    admin.add_argument(
        "--password",
        default=None,
        help="the admin's password (8+ characters); without it, ROTA_ADMIN_PASSWORD, else asked for",
    )
    admin.add_argument("--full-name", required=True, help="the admin's name")
    admin.add_argument(
        "--exists-ok",
        action="store_true",
        help="when that admin already exists, print its ids and leave it as it is",
    )
    admin.set_defaults(func=_create_admin)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
