"""The desktop entry, AppStream metainfo and icons: valid and telling one story.

With desktop-file-utils and appstream installed the official validators run;
without them the files are still parsed and their required keys checked.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

import entregent
from entregent.paths import resources_dir

from .conftest import REPO

RESOURCES = REPO / "resources"
DESKTOP = RESOURCES / f"{entregent.APP_ID}.desktop"
METAINFO = RESOURCES / f"{entregent.APP_ID}.metainfo.xml"
HICOLOR = RESOURCES / "icons" / "hicolor"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_files_in_the_app():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Entregent"
    assert entry["Exec"] == "entregent %F"  # files go to the import wizard
    assert entry["Icon"] == entregent.APP_ID
    assert entry["MimeType"].rstrip(";").split(";") == [
        "text/vcard",
        "text/x-vcard",
        "text/calendar",
    ]
    assert entry["Terminal"] == "false"
    assert "ContactManagement" in entry["Categories"].split(";")
    assert entry["Comment[fr]"] and entry["GenericName[fr]"]


@pytest.mark.skipif(
    not shutil.which("desktop-file-validate"), reason="desktop-file-utils is not installed"
)
def test_desktop_entry_validates():
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_names_the_same_app():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == entregent.APP_ID
    assert root.findtext("name") == "Entregent"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("icon").text == entregent.APP_ID
    assert root.find("description/p") is not None
    french = root.find("summary[@{http://www.w3.org/XML/1998/namespace}lang='fr']")
    assert french is not None and french.text
    media = {m.text for m in root.findall("provides/mediatype")}
    assert media == set(_desktop_entry()["MimeType"].rstrip(";").split(";"))
    assert root.find("releases/release").get("version") == entregent.__version__
    assert root.find("content_rating") is not None


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream is not installed")
def test_metainfo_validates():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_icon_in_svg_and_every_png_size():
    svg = ET.parse(HICOLOR / "scalable" / "apps" / f"{entregent.APP_ID}.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    for size in PNG_SIZES:
        png = HICOLOR / f"{size}x{size}" / "apps" / f"{entregent.APP_ID}.png"
        assert _png_size(png) == (size, size)


def test_the_installed_package_carries_the_metadata():
    for name in (
        DESKTOP.name,
        METAINFO.name,
        "locale/fr/LC_MESSAGES/entregent.mo",
        f"icons/hicolor/scalable/apps/{entregent.APP_ID}.svg",
        f"icons/hicolor/256x256/apps/{entregent.APP_ID}.png",
    ):
        assert (resources_dir() / name).is_file(), name
