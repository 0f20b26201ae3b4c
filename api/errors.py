"""The one error type the API reports as it is (api/app.py maps it to the JSON error shape)."""

from __future__ import annotations


class ServiceError(Exception):
    """An error the API reports as it is: HTTP status, code, message, details."""

    def __init__(self, status: int, code: str, message: str, details: list[dict] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or []
