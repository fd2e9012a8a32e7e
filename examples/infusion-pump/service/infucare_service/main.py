# @unit SU-SVC
"""HTTP API of the InfuCare telemetry service."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any, TypeVar

import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from .config import Settings
from .firmware_updates import FirmwareCatalogue
from .healthcheck import start_liveness_listener
from .ingest import ingest_doses, ingest_telemetry
from .models import DoseUpload, PumpStatus, TelemetryUpload
from .security import (
    AuthenticationError,
    DeviceKeyring,
    SessionRegistry,
    StaleUploadError,
    check_freshness,
    verify_upload,
)
from .store import DoseStore

ModelT = TypeVar("ModelT", bound=BaseModel)

# AEAD suites with forward secrecy only; TLS 1.0 and 1.1 offer none of them,
# so no handshake below TLS 1.2 can succeed. TLS 1.3 suites are all AEAD.
TLS_CIPHERS = "ECDHE+AESGCM:ECDHE+CHACHA20"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the store and load the keys once per process.

    @implements SRS-040
    """
    settings = Settings.from_env()
    app.state.store = DoseStore(settings.db_path, settings.pseudonym_key)
    app.state.keyring = DeviceKeyring.from_file(settings.device_keys_path)
    app.state.sessions = SessionRegistry()
    app.state.catalogue = FirmwareCatalogue()
    yield
    app.state.store.close()


app = FastAPI(title="InfuCare telemetry service", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)


@app.exception_handler(RequestValidationError)
async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 that names the offending fields without echoing their values: the
    default handler copies the submitted input, patient identifiers included,
    into the response.

    @implements SRS-042
    """
    details = [{"loc": list(err["loc"]), "type": err["type"]} for err in exc.errors()]
    return JSONResponse(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, content={"detail": details})


def parse_upload(model: type[ModelT], serial: str, body: bytes) -> ModelT:
    """Validate an authenticated body and check it is fresh and from the pump
    named in the path.

    @implements SRS-040, SRS-041
    """
    try:
        upload = model.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    if getattr(upload, "pump_serial") != serial:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "pump serial does not match the path")
    sent_at: datetime = getattr(upload, "sent_at")
    try:
        check_freshness(sent_at)
    except StaleUploadError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None
    return upload


async def authenticated_body(
    serial: str, request: Request, x_infucare_signature: Annotated[str, Header()]
) -> bytes:
    """Dependency: the raw body, once its HMAC verified for the pump in the path.

    @implements SRS-040
    """
    body = await request.body()
    try:
        verify_upload(serial, body, x_infucare_signature, request.app.state.keyring)
    except AuthenticationError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "upload not authenticated") from None
    return body


def require_session(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """Dependency: the clinician behind a valid bearer token.

    @implements SRS-043
    """
    token = authorization.removeprefix("Bearer ") if authorization and authorization.startswith("Bearer ") else None
    user = request.app.state.sessions.validate(token) if token else None
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "session required", headers={"WWW-Authenticate": "Bearer"})
    return user


@app.post("/api/v1/pumps/{serial}/telemetry", status_code=status.HTTP_202_ACCEPTED)
async def post_telemetry(
    serial: str, request: Request, body: Annotated[bytes, Depends(authenticated_body)]
) -> dict[str, bool]:
    """@implements SRS-040"""
    upload = parse_upload(TelemetryUpload, serial, body)
    return {"stored": ingest_telemetry(request.app.state.store, upload, body)}


@app.post("/api/v1/pumps/{serial}/doses", status_code=status.HTTP_202_ACCEPTED)
async def post_doses(
    serial: str, request: Request, body: Annotated[bytes, Depends(authenticated_body)]
) -> dict[str, int]:
    """@implements SRS-040, SRS-042"""
    upload = parse_upload(DoseUpload, serial, body)
    return {"stored": ingest_doses(request.app.state.store, upload)}


@app.post("/api/v1/sessions", status_code=status.HTTP_201_CREATED)
async def create_session(request: Request, x_authenticated_user: Annotated[str, Header()]) -> dict[str, Any]:
    """Issue a token to a clinician authenticated by the hospital SSO proxy,
    which alone can reach this route (mutual TLS, network policy).

    @implements SRS-043
    """
    token = request.app.state.sessions.issue(x_authenticated_user)
    return {"token": token, "expiresIn": int(SessionRegistry.LIFETIME.total_seconds())}


@app.get("/api/v1/pumps/{serial}/status", response_model=PumpStatus)
async def get_status(serial: str, request: Request, _user: Annotated[str, Depends(require_session)]) -> Any:
    """Latest status of one pump for the companion app.

    @implements SRS-050
    """
    latest = request.app.state.store.latest_status(serial)
    if latest is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no telemetry for this pump")
    return latest


@app.get("/api/v1/firmware/catalogue")
async def get_catalogue(request: Request, if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """Released firmware packages with their fingerprints.

    @implements SRS-044
    """
    catalogue: FirmwareCatalogue = request.app.state.catalogue
    etag = f'"{catalogue.etag()}"'
    if if_none_match == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return JSONResponse(catalogue.entries(), headers={"ETag": etag})


def run() -> None:
    """Serve the API over TLS only; liveness is answered on loopback.

    @implements SRS-040
    """
    settings = Settings.from_env()
    start_liveness_listener()
    uvicorn.run(
        app,
        host=settings.bind_host,
        port=settings.port,
        ssl_certfile=str(settings.tls_cert_file),
        ssl_keyfile=str(settings.tls_key_file),
        ssl_ciphers=TLS_CIPHERS,
        proxy_headers=False,
    )


if __name__ == "__main__":
    run()
