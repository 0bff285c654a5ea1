"""/healthz tells the load balancer whether this machine can reach its database."""

import json

import pytest

from tests.production_servers import free_port, manage, production_env

# Runs in a separate process, because this one's database connection must stay healthy.
ASK_HEALTHZ = (
    "import json; from django.test import Client; "
    "response = Client().get('/healthz', HTTP_X_FORWARDED_PROTO='https'); "
    "print(json.dumps({'status': response.status_code, 'body': response.json()}))"
)


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_healthz_is_503_when_the_database_cannot_be_reached(tmp_path, engine):
    unreachable = {
        "sqlite": f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}",
        "postgresql": f"postgres://newsroom:wrong@127.0.0.1:{free_port()}/newsroom",
    }[engine]
    env = production_env(DATABASE_URL=unreachable, ALLOWED_HOSTS="testserver")

    result = manage(env, "shell", "-v", "0", "-c", ASK_HEALTHZ)

    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"status": 503, "body": {"status": "unavailable", "database": "error"}}
    assert "Health check failed" in result.stdout
