"""rota serve | migrate | create-admin"""

import argparse
import asyncio
import json
import os
import sys

from pydantic import ValidationError

from rota import migrations
from rota.config import get_settings
from rota.users.models import Role


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    if not args.no_migrate:
        migrations.upgrade(settings.session_url)
        os.environ["ROTA_AUTO_MIGRATE"] = "false"  # the workers need not check again
    uvicorn.run(
        "rota.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
    )
    return 0


def _migrate(args: argparse.Namespace) -> int:
    migrations.upgrade(get_settings().session_url)
    print("database is at the latest schema")
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


def _create_admin(args: argparse.Namespace) -> int:
    from rota.errors import AppError
    from rota.users.schemas import UserCreate

    try:
        UserCreate(email=args.email, full_name=args.full_name, password=args.password, role=Role.ADMIN)
    except ValidationError as exc:
        for err in exc.errors():
            print(f"error: {'.'.join(map(str, err['loc']))}: {err['msg']}", file=sys.stderr)
        return 2
    if not args.org_name.strip() or len(args.org_name) > 200:
        print("error: org-name must be 1 to 200 characters", file=sys.stderr)
        return 2
    migrations.upgrade(get_settings().session_url)
    try:
        print(json.dumps(asyncio.run(_bootstrap(args))))
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rota", description="Team and hand-off routing service")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--no-migrate", action="store_true", help="do not migrate the schema first")
    serve.set_defaults(func=_serve)

    mig = sub.add_parser("migrate", help="apply schema migrations to ROTA_DATABASE_URL")
    mig.set_defaults(func=_migrate)

    admin = sub.add_parser("create-admin", help="create an organization's admin user")
    admin.add_argument("--org-name", required=True)
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--full-name", required=True)
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
