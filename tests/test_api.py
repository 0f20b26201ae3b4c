"""The stateless endpoints: /health, /docs, /v1/classify."""

from fastapi.testclient import TestClient

from api.app import Settings, create_app


def client(pipeline, tmp_path) -> TestClient:  # type: ignore[no-untyped-def]
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'triage.db'}", admin_key="k")
    c = TestClient(create_app(pipeline=pipeline, settings=settings))
    c.headers["Authorization"] = "Bearer k"
    return c


def test_health_and_openapi(fake_pipeline, tmp_path) -> None:
    with client(fake_pipeline, tmp_path) as c:
        assert c.get("/health").json()["status"] == "ok"
        paths = c.get("/openapi.json").json()["paths"]
        assert "/v1/classify" in paths
        assert c.get("/docs").status_code == 200


def test_classify(fake_pipeline, tmp_path) -> None:
    with client(fake_pipeline, tmp_path) as c:
        response = c.post("/v1/classify", json={"texts": ["the glass arrived broken", "发错货了，颜色不对"]})
        assert response.status_code == 200
        results = response.json()["results"]
        assert results[0]["labels"] == ["damage"]
        assert results[1]["language"] == "zh"
        assert set(results[0]["scores"]) == {"late_delivery", "damage", "wrong_item"}


def test_errors_have_one_shape(fake_pipeline, tmp_path) -> None:
    with client(fake_pipeline, tmp_path) as c:
        for body, status in [({"texts": []}, 422), ({"texts": [5]}, 422), ({}, 422),
                             ({"texts": ["ok", "  "]}, 422), ({"texts": ["x" * 100_001]}, 413)]:
            response = c.post("/v1/classify", json=body)
            assert response.status_code == status, body
            error = response.json()["error"]
            assert error["code"] and error["message"]
        assert c.post("/v1/classify", json={"texts": ["ok", "  "]}).json()["error"]["details"][0]["field"] == "texts.1"
