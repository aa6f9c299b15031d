# The shop's web image. CPython 3.12 or newer only: 3.11 has a garbage-collector use-after-free
# that this app triggers (workers die with SIGSEGV under load; see README, "Python 3.12 or newer").
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    APP_ENV=production

WORKDIR /app
COPY requirements.txt .
RUN python -c 'import sys; assert sys.version_info >= (3, 12), "needs Python 3.12+"' \
    && pip install -r requirements.txt
COPY . .
RUN pybabel -q compile -d translations \
    && useradd --system --uid 10001 --home-dir /app shop \
    && mkdir -p /app/instance && chown shop /app/instance
USER shop

EXPOSE 8000
# Migrations run once per release, before the new web processes start: flask --app wsgi db upgrade
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", "--access-logfile", "-", "wsgi:app"]
