# qnet: one image for the web server, the Celery worker and Celery beat.
# The default command serves the portal with gunicorn; docker-compose.yml shows the rest.

# --- front-end assets from npm (Bootstrap, htmx); Node.js stays out of the final image ---
FROM debian:bookworm-slim AS assets
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY package.json package-lock.json ./
# Runtime packages only: axe-core is a devDependency used by the browser tests.
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error


# --- the application ---
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=qnet.settings

# WeasyPrint renders PDFs through Pango and HarfBuzz; gettext compiles the translations.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them.
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
 && pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock \
 && rm /tmp/requirements.lock

WORKDIR /app
COPY --from=assets /build/node_modules ./node_modules
COPY . .

# The .mo files are build output (not in git). `mkdir -p` keeps a tree without any .po
# file buildable: compilemessages refuses to run when it finds no locale directory.
RUN mkdir -p locale \
 && python manage.py compilemessages --ignore=node_modules -v0

# collectstatic with the production storage (hashed, compressed names), which DEBUG=false
# selects. With DEBUG off the settings demand a real-looking SECRET_KEY and a REDIS_URL;
# these exist only for this build step (nothing connects to Redis) and are not kept in
# the image's environment.
RUN DEBUG=false \
    SECRET_KEY=build-time-only-collectstatic-key-never-used-at-run-time-0123456789 \
    REDIS_URL=redis://build-time-unused:6379/0 \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --no-input -v0

# Run as an unprivileged user. It owns only the media directory (uploads, generated PDFs)
# and its home (caches of fontconfig and matplotlib); the code stays read-only to it.
RUN useradd --create-home --uid 10001 --user-group qnet \
 && mkdir -p /app/media \
 && chown qnet:qnet /app/media
USER qnet

EXPOSE 8000
# Worker processes: set WEB_CONCURRENCY (gunicorn reads it), e.g. 2-4 per CPU core.
CMD ["gunicorn", "qnet.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
