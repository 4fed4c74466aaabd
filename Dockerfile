# Production image: gunicorn serving Django, static files compressed and fingerprinted at build.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=caserurale.settings.production \
    PORT=8000

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo zlib1g libwebp7 gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 caserurale

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=caserurale:caserurale . .
# collectstatic needs settings but no real secret or database.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --no-input \
    && mkdir -p /app/media && chown caserurale:caserurale /app/media

USER caserurale
EXPOSE 8000
CMD ["sh", "-c", "gunicorn caserurale.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips='*'"]
