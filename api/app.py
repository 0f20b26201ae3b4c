"""`create_app()`: the FastAPI application, with the model loaded once at start-up."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from triage.pipeline import DEFAULT_MODEL_DIR, InvalidTextError, Pipeline
from triage.scoring import analysis_record

from .schemas import (
    MAX_TEXT_CHARS,
    Classification,
    ClassifyRequest,
    ClassifyResponse,
    ErrorResponse,
    Health,
)


def _error(status: int, code: str, message: str, details: list[dict] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message,
                                                               "details": details or []}})


def create_app(model_dir: str | Path | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """Build the app. Pass `pipeline` to inject one (tests use a fake encoder);
    otherwise the model folder (default: the bundled model) loads at start-up."""
    folder = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pipeline = pipeline or Pipeline.load(folder)
        yield

    app = FastAPI(title="triage", version="0.1.0", lifespan=lifespan,
                  description="Multilingual complaint triage for e-commerce sellers.",
                  responses={422: {"model": ErrorResponse}})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        return _error(422, "invalid_request", "the request body is not valid", details)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, "http_error", str(exc.detail))

    def get_pipeline(request: Request) -> Pipeline:
        return request.app.state.pipeline

    @app.get("/health", response_model=Health)
    def health(p: Pipeline = Depends(get_pipeline)) -> Health:
        return Health(status="ok", model=str(folder.name), encoder=p.encoder.spec)

    @app.post("/v1/classify", response_model=ClassifyResponse, responses={413: {"model": ErrorResponse}})
    def classify(body: ClassifyRequest, p: Pipeline = Depends(get_pipeline)) -> ClassifyResponse | JSONResponse:
        """Classify 1-256 texts statelessly (nothing is stored)."""
        too_long = [i for i, t in enumerate(body.texts) if len(t) > MAX_TEXT_CHARS]
        if too_long:
            return _error(413, "text_too_long", f"texts longer than {MAX_TEXT_CHARS} characters",
                          [{"field": f"texts.{i}", "message": "too long"} for i in too_long])
        try:
            analyses = p.analyse(body.texts)
        except InvalidTextError as exc:
            return _error(422, "invalid_text", str(exc), [{"field": f"texts.{exc.position}", "message": str(exc)}])
        results = [Classification(text=t, **analysis_record(a)) for t, a in zip(body.texts, analyses)]
        return ClassifyResponse(model=str(folder.name), results=results)

    return app
