"""Shared fixtures of the service tests (run with `python -m pytest` from
service/). Keys are generated for each test, never written down."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest


@pytest.fixture
def pump_serial() -> str:
    return "IC-0012345"


@pytest.fixture
def device_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def pseudonym_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def sign() -> Callable[[bytes, bytes], str]:
    """What the pump puts in X-InfuCare-Signature."""
    return lambda key, body: hmac.new(key, body, hashlib.sha256).hexdigest()


@pytest.fixture
def telemetry_body(pump_serial: str) -> Callable[..., bytes]:
    """Factory of fresh, valid telemetry uploads."""

    def make(**overrides: Any) -> bytes:
        upload = {
            "pump_serial": pump_serial,
            "sent_at": datetime.now(timezone.utc).isoformat(),
            "firmware_version": "4.2.1",
            "state": "running",
            "drug_name": "Dopamine 400 mg/250 mL",
            "rate_ml_h": 13.1,
            "volume_infused_ml": 42.0,
            "vtbi_remaining_ml": 208.0,
            "battery_percent": 87,
            "alarms": [],
        }
        upload.update(overrides)
        return json.dumps(upload).encode("utf-8")

    return make
