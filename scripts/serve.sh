#!/usr/bin/env bash
# `make serve`: the production configuration on this machine, http://127.0.0.1:8000.
# DEBUG off, gunicorn with WEB_CONCURRENCY workers, hashed and compressed static files served by
# whitenoise, JSON logs on stdout. Only what a laptop cannot have is relaxed: there is no TLS in
# front, so no redirect to HTTPS and no Secure-only cookies, Django serves the uploads, and mail
# is printed rather than sent.
# Any of these can be overridden from the environment or .env, e.g. DATABASE_URL or CACHE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SECRET_KEY:-}" ] && ! grep -qs '^SECRET_KEY=.' .env; then
    mkdir -p .services
    key_file=.services/serve-secret-key
    [ -s "$key_file" ] || python -c 'import secrets; print(secrets.token_urlsafe(50))' >"$key_file"
    SECRET_KEY=$(cat "$key_file")
    export SECRET_KEY
fi
export DEBUG=False
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-False}
export SECURE_COOKIES=${SECURE_COOKIES:-False}
export SERVE_MEDIA=${SERVE_MEDIA:-True}
# No mail server on a laptop: moderation notices are printed instead.
export EMAIL_URL=${EMAIL_URL:-consolemail://}
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:8000}
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}

python manage.py migrate --noinput
python manage.py seed_demo
python manage.py collectstatic --noinput --verbosity 0
echo "Serving the production configuration on http://$GUNICORN_BIND (Ctrl+C stops it)"
exec gunicorn --config gunicorn.conf.py
