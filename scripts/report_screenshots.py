"""Render the HTML report of the example database in headless Chromium, with and without CJK fonts.

Run from a checkout: `python scripts/report_screenshots.py [OUT_DIR]` (default: ./screenshots). Needs
Debian's `chromium` and, for the second picture, `fonts-noto-cjk` (`apt-get install chromium fonts-noto-cjk`).

It copies `claims.db.example`, upgrades it, gives claim 1 a summary and a claimant, writes the HTML report
with `[report] timezone = "Asia/Shanghai"` and takes two full-page screenshots:
- `report-cjk.png`: the machine's fonts, Noto CJK included;
- `report-no-cjk.png`: fontconfig limited to the fonts outside `/usr/share/fonts/opentype/noto` (where
  fonts-noto-cjk installs), i.e. what a render server without CJK fonts shows (Chinese as boxes there, which
  is why the stylesheet names Noto Sans CJK, Source Han, WenQuanYi, PingFang and Microsoft YaHei).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CJK_DIR = "/usr/share/fonts/opentype/noto"
NO_CJK_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype</dir>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><glob>{cjk}/*</glob></rejectfont></selectfont>
</fontconfig>
"""


def claimtrack(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "claimtrack", *args], check=True, env=env)


def build_report(work: Path) -> Path:
    db = work / "claims.db"
    shutil.copy(REPO / "claims.db.example", db)
    config = work / "claimtrack.toml"
    config.write_text('[report]\norganisation = "Example Fact Check"\ntimezone = "Asia/Shanghai"\n', "utf-8")
    env = {**os.environ, "CLAIMTRACK_DB": str(db), "CLAIMTRACK_CONFIG": str(config), "CLAIMTRACK_REVIEWER": "editor",
           "PYTHONPATH": str(REPO / "src")}
    claimtrack("db", "upgrade", env=env)
    claimtrack("claims", "set", "1", "--summary", "近2000家人工智能企业落户海淀", "--claimant", "海淀区政府",
               "--claimant-type", "organization", env=env)
    out = work / "report.html"
    claimtrack("report", "--format", "html", "--out", str(out), "--generated-at", "2026-11-03T00:00:00Z", env=env)
    return out


def screenshot(page: Path, png: Path, *, cjk: bool, work: Path) -> None:
    env = dict(os.environ)
    if not cjk:
        conf = work / "no-cjk.conf"
        conf.write_text(NO_CJK_CONFIG.format(cache=work / "fc-cache", cjk=CJK_DIR), "utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is not installed: apt-get install chromium fonts-noto-cjk")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={work / ('profile-cjk' if cjk else 'profile-plain')}",
                    "--window-size=1100,2600", f"--screenshot={png}", page.as_uri()],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        page = build_report(work)
        shutil.copy(page, out_dir / "report.html")
        screenshot(page, out_dir / "report-cjk.png", cjk=True, work=work)
        screenshot(page, out_dir / "report-no-cjk.png", cjk=False, work=work)
    print(f"wrote {out_dir / 'report-cjk.png'} and {out_dir / 'report-no-cjk.png'}")


if __name__ == "__main__":
    main()
