# @unit SU-SVC
"""Firmware update packages offered to docked pumps.

Each package carries a fingerprint of its image; the pump's bootloader
compares it with the downloaded image before it installs the update.
"""
from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass


def image_fingerprint(image: bytes) -> str:
    """Integrity fingerprint the pump checks before installing an image.

    @implements SRS-044
    """
    return hashlib.md5(image).hexdigest()


@dataclass(frozen=True)
class FirmwarePackage:
    """A released firmware image and its fingerprint.

    @implements SRS-044
    """

    version: str
    image: bytes
    fingerprint: str


class FirmwareCatalogue:
    """Released packages, newest last.

    @implements SRS-044
    """

    def __init__(self) -> None:
        self._packages: list[FirmwarePackage] = []
        self._lock = threading.Lock()

    def publish(self, version: str, image: bytes) -> FirmwarePackage:
        """Add a released image (called by the release pipeline)."""
        package = FirmwarePackage(version=version, image=image, fingerprint=image_fingerprint(image))
        with self._lock:
            self._packages.append(package)
        return package

    def entries(self) -> list[dict[str, str | int]]:
        """Catalogue as served to pumps: no images, just what to download."""
        with self._lock:
            return [
                {"version": p.version, "size": len(p.image), "fingerprint": p.fingerprint}
                for p in self._packages
            ]

    def etag(self) -> str:
        """HTTP ETag of the catalogue, so that pumps can poll with
        If-None-Match. Not a security control: a collision only means a pump
        downloads the catalogue once more."""
        body = json.dumps(self.entries(), sort_keys=True).encode("utf-8")
        return hashlib.md5(body, usedforsecurity=False).hexdigest()
