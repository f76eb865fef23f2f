"""The README's tour works as written, against a real server, and again when run twice."""

import re
import subprocess
from pathlib import Path

from tests.support import ServerPool

README = Path(__file__).resolve().parents[1] / "README.md"


def tour() -> str:
    text = README.read_text()
    section = text[text.index("## A short tour") : text.index("## Running it")]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_the_tour_runs_twice(tmp_path: Path) -> None:
    pool = ServerPool(f"sqlite:///{tmp_path / 'tour.db'}", processes=1)
    try:
        pool.start()
        made = pool.cli(
            "create-admin",
            "--org-name",
            "Acme Support",
            "--email",
            "admin@example.com",
            "--password",
            "change-me-now",
            "--full-name",
            "Ada Admin",
        )
        assert made.returncode == 0, made.stderr
        for _ in range(2):
            done = subprocess.run(
                ["bash", "-e", "-c", tour()],
                env={"PATH": "/usr/bin:/bin", "BASE": pool.urls[0]},
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stdout + done.stderr
            assert "contact_has_active_transfer: This contact already has an active transfer" in done.stderr
            assert "missing_scope: This API key lacks the scope teams:write." in done.stderr
            assert '"type": "assigned"' in done.stdout and "Support bot" not in done.stderr
    finally:
        pool.stop()
