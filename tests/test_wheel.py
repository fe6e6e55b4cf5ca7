"""The installed wheel carries its migrations: `claimtrack db upgrade` works outside a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from claimtrack.store.schema import HEAD_REVISION
from conftest import REPO


def test_wheel_ships_migrations_and_upgrades_outside_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
         str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("claimtrack-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "claimtrack/migrations/env.py" in names
    assert any(n.startswith("claimtrack/migrations/versions/0001_") for n in names)
    assert "claimtrack/cli/schemas/claims-show.json" in names  # the documented --json shapes ship too

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import claimtrack; print(claimtrack.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(target))
    db = elsewhere / "x.db"
    up = subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(db), "db", "upgrade"],
                        cwd=elsewhere, env=env, capture_output=True, text=True)
    assert up.returncode == 0, up.stderr
    current = subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(db), "db", "current"],
                             cwd=elsewhere, env=env, capture_output=True, text=True)
    assert current.stdout.strip() == f"{HEAD_REVISION} (head)"
