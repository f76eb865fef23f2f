"""Regenerates the API clients from the app's OpenAPI document: one command.

    python tools/clients.py

writes clients/openapi.json, the Python client in clients/python (openapi-python-client, with
the hand-written event-stream helper clients/extra/events.py copied in as rota_client.events)
and the TypeScript definitions clients/typescript/rota.d.ts (openapi-typescript). Needs
`pip install openapi-python-client==0.29.1` (best in a virtual environment of its own) and
Node.js with npx. tests/test_clients.py fails when the committed document is not the app's."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "clients"
PYTHON_GENERATOR = "openapi-python-client"
TYPESCRIPT_GENERATOR = "openapi-typescript@7.13.0"


def document() -> dict:
    from rota.app import create_app
    from rota.config import Settings

    return create_app(Settings(database_url="sqlite:///:memory:")).openapi()


def main() -> int:
    spec = CLIENTS / "openapi.json"
    spec.write_text(json.dumps(document(), indent=1) + "\n")
    generator = shutil.which(PYTHON_GENERATOR)
    if generator is None:
        print(
            f"error: {PYTHON_GENERATOR} is not installed (pip install {PYTHON_GENERATOR}==0.29.1)",
            file=sys.stderr,
        )
        return 1
    subprocess.run(
        [
            generator,
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(CLIENTS / "python"),
            "--overwrite",
            "--meta",
            "pdm",
        ],
        check=True,
    )
    package = CLIENTS / "python" / "rota_client"
    shutil.copy(CLIENTS / "extra" / "events.py", package / "events.py")
    project = CLIENTS / "python" / "pyproject.toml"
    project.write_text(
        project.read_text().replace('    "attrs>=22.2.0",\n', '    "attrs>=22.2.0",\n    "httpx-sse>=0.4",\n')
    )
    subprocess.run(
        ["npx", "--yes", TYPESCRIPT_GENERATOR, str(spec), "-o", str(CLIENTS / "typescript" / "rota.d.ts")],
        check=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
