"""Upload authentication and session tokens."""
from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from infucare_service.security import AuthenticationError, DeviceKeyring, SessionRegistry, verify_upload

Signer = Callable[[bytes, bytes], str]


@pytest.fixture
def keyring(pump_serial: str, device_key: bytes) -> DeviceKeyring:
    return DeviceKeyring({pump_serial: device_key})


def test_upload_signed_with_pump_key_is_accepted(
    keyring: DeviceKeyring, pump_serial: str, device_key: bytes, sign: Signer, telemetry_body: Callable[..., bytes]
) -> None:
    """@verifies SRS-040"""
    body = telemetry_body()
    verify_upload(pump_serial, body, sign(device_key, body), keyring)


def test_modified_upload_is_rejected(
    keyring: DeviceKeyring, pump_serial: str, device_key: bytes, sign: Signer, telemetry_body: Callable[..., bytes]
) -> None:
    """@verifies SRS-040"""
    body = telemetry_body()
    with pytest.raises(AuthenticationError):
        verify_upload(pump_serial, body.replace(b"13.1", b"31.1"), sign(device_key, body), keyring)


def test_unknown_pump_and_malformed_signature_are_rejected(
    keyring: DeviceKeyring, pump_serial: str, device_key: bytes, sign: Signer, telemetry_body: Callable[..., bytes]
) -> None:
    """@verifies SRS-040"""
    body = telemetry_body()
    with pytest.raises(AuthenticationError):
        verify_upload("IC-9999999", body, sign(device_key, body), keyring)
    with pytest.raises(AuthenticationError):
        verify_upload(pump_serial, body, "not-hex", keyring)


def test_session_tokens_carry_256_bits_and_are_unique() -> None:
    """@verifies SRS-043"""
    sessions = SessionRegistry()
    tokens = {sessions.issue("nurse.a") for _ in range(100)}
    assert len(tokens) == 100
    for token in tokens:
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) == 32
        assert sessions.validate(token) == "nurse.a"


def test_session_expires_after_eight_hours() -> None:
    """@verifies SRS-043"""
    start = datetime(2025, 3, 1, 6, 0, tzinfo=timezone.utc)
    sessions = SessionRegistry()
    token = sessions.issue("nurse.b", now=start)
    assert sessions.validate(token, now=start + timedelta(hours=7, minutes=59)) == "nurse.b"
    assert sessions.validate(token, now=start + timedelta(hours=8)) is None
    assert sessions.validate(token, now=start + timedelta(hours=1)) is None
