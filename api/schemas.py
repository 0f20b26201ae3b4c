"""Request and response bodies of the HTTP API (apart from core types)."""

from __future__ import annotations

from pydantic import BaseModel, Field

MAX_TEXTS = 256
MAX_TEXT_CHARS = 100_000


class ClassifyRequest(BaseModel):
    texts: list[str] = Field(..., min_length=1, max_length=MAX_TEXTS,
                             description=f"1 to {MAX_TEXTS} texts, each at most {MAX_TEXT_CHARS} characters")


class Classification(BaseModel):
    text: str
    language: str
    labels: list[str] = Field(description="complaint labels, or ['other']")
    scores: dict[str, float] = Field(description="calibrated probability per complaint label")
    needs_review: bool
    evidence: dict[str, list[str]] = Field(description="phrases that drove each predicted label")
    truncated: bool


class ClassifyResponse(BaseModel):
    model: str
    results: list[Classification]


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[dict] = []


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: str
    model: str
    encoder: str
