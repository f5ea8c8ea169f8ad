from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def test_healthz_reports_database_and_queue(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"]["status"] == "ok" and body["tasks"]["queued"] == 0


def test_healthz_reports_a_stalled_queue(client, db):
    from core.tasks import send_email

    an_hour_ago = timezone.now() - timedelta(hours=1)
    task = DBTaskResult.objects.create(
        task_path=send_email.module_path,
        args_kwargs={"args": [[], "s", "b"], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=an_hour_ago,
        return_value=None,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=an_hour_ago)  # enqueued_at is auto_now_add
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["tasks"]["status"] == "stalled"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GASTVRIJ_", "DJANGO_"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=environment, timeout=120
    )


PRODUCTION = {
    "GASTVRIJ_DEBUG": "false",
    "GASTVRIJ_SECRET_KEY": "k" * 20 + "Vx9!pQ2#zL7@mN4$wR8&tY1^uI5*oP3%aS6",
    "GASTVRIJ_ALLOWED_HOSTS": "example.org",
    "GASTVRIJ_SITE_URL": "https://example.org",
    "GASTVRIJ_FIELD_KEYS": "oTBfNJ1Ma8OXC1xHvutDBy7k_BNLJeS6HX2vBxhYoDw=",
    "GASTVRIJ_BLIND_INDEX_KEY": "Kq2mhqZ0Qx0yOXtJc0iV7m0N6s0yV-9T8vqGdL0ZbQM=",
    "DJANGO_SETTINGS_MODULE": "gastvrij.settings",
}


def test_production_settings_pass_check_deploy():
    result = _run("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_static_files_collect_with_a_manifest(tmp_path):
    result = _run("collectstatic", "--noinput", "-v0", **PRODUCTION, GASTVRIJ_STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists() and list(tmp_path.glob("core/site.*.css"))


def test_production_requires_the_site_url():
    env = {k: v for k, v in PRODUCTION.items() if k != "GASTVRIJ_SITE_URL"}
    result = _run("check", **env)
    assert result.returncode != 0 and "GASTVRIJ_SITE_URL must be set" in result.stderr


def test_a_bad_setting_fails_loudly():
    result = _run("check", GASTVRIJ_DEBUG="maybe", DJANGO_SETTINGS_MODULE="gastvrij.settings")
    assert result.returncode != 0 and "GASTVRIJ_DEBUG='maybe' is not a boolean" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "GASTVRIJ_SECRET_KEY"}
    result = _run("check", **env)
    assert result.returncode != 0 and "GASTVRIJ_SECRET_KEY must be set" in result.stderr


def test_home_page_is_dutch_by_default(db):
    from django.test import Client

    response = Client().get("/")
    assert response.status_code == 200 and '<html lang="nl"' in response.content.decode()


def test_client_ip_comes_from_the_proxy_header_when_configured(rf, settings):
    from core.net import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "10.0.0.1"
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(request) == "203.0.113.7"


def test_a_replica_needs_postgresql():
    result = _run(
        "check",
        DATABASE_URL="sqlite:///x.sqlite3",
        DATABASE_REPLICA_URL="sqlite:///y.sqlite3",
        DJANGO_SETTINGS_MODULE="gastvrij.settings",
    )
    assert result.returncode != 0 and "DATABASE_REPLICA_URL needs PostgreSQL" in result.stderr


def test_a_replica_url_adds_the_alias_the_router_and_the_middleware():
    code = (
        "from django.conf import settings; d = settings.DATABASES; "
        "print(d['replica']['HOST'], d['replica']['NAME'], settings.DATABASE_ROUTERS, "
        "settings.MIDDLEWARE[-2], settings.REPLICA_PIN_SECONDS)"
    )
    result = _run(
        "shell",
        "-c",
        code,
        DATABASE_URL="postgres://u@primary.internal:5432/gastvrij",
        DATABASE_REPLICA_URL="postgres://u@replica.internal:5432/gastvrij",
        GASTVRIJ_REPLICA_PIN_SECONDS="30",
        DJANGO_SETTINGS_MODULE="gastvrij.settings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == (
        "replica.internal gastvrij ['core.replicas.ReplicaRouter'] core.replicas.ReplicaMiddleware 30"
    )


def test_without_a_replica_url_nothing_changes():
    code = "from django.conf import settings; print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)"
    result = _run("shell", "-c", code, DJANGO_SETTINGS_MODULE="gastvrij.settings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "['default'] []"


def test_uploads_go_to_object_storage_when_a_bucket_is_named():
    code = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__module__, s.bucket_name, s.location, s.endpoint_url, s.default_acl)"
    )
    result = _run(
        "shell",
        "-c",
        code,
        GASTVRIJ_S3_BUCKET="gastvrij-uploads",
        GASTVRIJ_S3_ENDPOINT_URL="https://s3.example.org",
        DJANGO_SETTINGS_MODULE="gastvrij.settings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "storages.backends.s3 gastvrij-uploads media https://s3.example.org None"
    code = "from django.core.files.storage import storages; print(type(storages['default']).__name__)"
    default = _run("shell", "-c", code, DJANGO_SETTINGS_MODULE="gastvrij.settings")
    assert default.stdout.split("\n")[-2] == "FileSystemStorage"


def test_the_suite_collects_the_tests_of_every_app():
    """An app whose tests are not in pytest's ``testpaths`` would be silently left out of the
    README's test command (scripts/test) and of CI."""
    import tomllib
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR)
    testpaths = set(tomllib.loads((base / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {
        Path(app.path).name
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(base) and (Path(app.path) / "tests").is_dir()
    }
    assert with_tests and with_tests <= testpaths
