"""HiDPI: the window at 200 % (QT_SCALE_FACTOR=2) cuts no text, overlaps nothing,
and draws its icons, avatars, photos and context dots at the device pixel ratio
(SVG icons rendered for it, never a small raster scaled up). The checks live in
``hidpi_checks.py`` and run in a pytest of their own, since the ratio is fixed
when the application starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_the_window_at_200_percent(tmp_path):
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(HERE.parents[1]),
            str(HERE / "hidpi_checks.py"),
        ],
        cwd=HERE.parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "\n5 passed" in done.stdout, done.stdout[-2000:]
