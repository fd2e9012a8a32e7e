"""Firmware update catalogue."""
from __future__ import annotations

import secrets

from infucare_service.firmware_updates import FirmwareCatalogue, image_fingerprint


def test_package_is_published_with_the_fingerprint_of_its_image() -> None:
    """@verifies SRS-044"""
    image = secrets.token_bytes(4096)
    catalogue = FirmwareCatalogue()
    package = catalogue.publish("4.2.1", image)
    assert package.fingerprint == image_fingerprint(image)
    assert catalogue.entries() == [{"version": "4.2.1", "size": 4096, "fingerprint": package.fingerprint}]



def test_catalogue_etag_follows_its_content() -> None:
    """@verifies SRS-044"""
    catalogue = FirmwareCatalogue()
    empty = catalogue.etag()
    catalogue.publish("4.2.1", b"\x00" * 16)
    assert catalogue.etag() != empty
