"""Security headers on API answers and the SPA; CORS closed by default."""

import pytest
from litestar.testing import TestClient


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/me", "/api/v1/setup",
                                  "/schema/openapi.json"])
def test_every_answer_carries_the_security_headers(client: TestClient, path: str) -> None:
    answer = client.get(path)
    csp = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"


def test_cors_is_closed_to_other_origins(client: TestClient) -> None:
    preflight = client.options("/api/v1/budgets", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    simple = client.get("/api/v1/setup", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers
