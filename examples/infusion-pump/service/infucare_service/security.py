# @unit SU-SVC
"""Authentication of pump uploads and of companion-app sessions."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

MAX_CLOCK_SKEW = timedelta(minutes=5)


class AuthenticationError(Exception):
    """An upload or a session token failed verification.

    @implements SRS-040, SRS-043
    """


class StaleUploadError(Exception):
    """An upload's timestamp is outside the accepted window.

    @implements SRS-041
    """


class DeviceKeyring:
    """Per-pump HMAC-SHA256 keys, provisioned at manufacturing and exported
    to the hospital's key file; the same key the pump's secure element holds.

    @implements SRS-040
    """

    def __init__(self, keys: Mapping[str, bytes]) -> None:
        self._keys = dict(keys)

    @classmethod
    def from_file(cls, path: Path) -> DeviceKeyring:
        """Load {"IC-0012345": "<64 hex digits>", ...} from the key file."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls({serial: bytes.fromhex(key_hex) for serial, key_hex in raw.items()})

    def key_for(self, pump_serial: str) -> bytes | None:
        """The pump's key, or None for a pump this site never provisioned."""
        return self._keys.get(pump_serial)


def verify_upload(pump_serial: str, body: bytes, signature_hex: str, keyring: DeviceKeyring) -> None:
    """Check the X-InfuCare-Signature header: HMAC-SHA256 of the raw body
    under the pump's key, compared in constant time.

    @implements SRS-040
    """
    key = keyring.key_for(pump_serial)
    if key is None:
        raise AuthenticationError("unknown pump")
    try:
        provided = bytes.fromhex(signature_hex)
    except ValueError:
        raise AuthenticationError("malformed signature") from None
    expected = hmac.new(key, body, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, provided):
        raise AuthenticationError("signature mismatch")


def check_freshness(sent_at: datetime, now: datetime | None = None) -> None:
    """Reject uploads more than MAX_CLOCK_SKEW away from server time, so
    that a captured upload cannot be replayed later.

    @implements SRS-041
    @mitigates RC-08
    """
    now = now or datetime.now(timezone.utc)
    if sent_at.tzinfo is None:
        raise StaleUploadError("timestamp without time zone")
    if abs(now - sent_at) > MAX_CLOCK_SKEW:
        raise StaleUploadError("timestamp outside the accepted window")


def _digest(token: str) -> str:
    """Sessions are looked up by the SHA-256 of the token, so the registry
    never holds a usable token.

    @implements SRS-043
    """
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class SessionRegistry:
    """Bearer tokens of the companion app: 256 bits from the OS CSPRNG,
    valid for at most eight hours (one shift).

    @implements SRS-043
    """

    TOKEN_BYTES = 32
    LIFETIME = timedelta(hours=8)

    def __init__(self) -> None:
        self._sessions: dict[str, tuple[str, datetime]] = {}
        self._lock = threading.Lock()

    def issue(self, user: str, now: datetime | None = None) -> str:
        """Create a session for an authenticated clinician and return its token."""
        now = now or datetime.now(timezone.utc)
        token = secrets.token_urlsafe(self.TOKEN_BYTES)
        with self._lock:
            self._sessions[_digest(token)] = (user, now + self.LIFETIME)
        return token

    def validate(self, token: str, now: datetime | None = None) -> str | None:
        """The session's user, or None when unknown or expired."""
        now = now or datetime.now(timezone.utc)
        with self._lock:
            entry = self._sessions.get(_digest(token))
            if entry is None:
                return None
            user, expires_at = entry
            if now >= expires_at:
                del self._sessions[_digest(token)]
                return None
            return user

    def revoke(self, token: str) -> None:
        """Log out."""
        with self._lock:
            self._sessions.pop(_digest(token), None)
