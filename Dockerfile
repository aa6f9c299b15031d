# The shop's image: web (gunicorn), worker and scheduler all run it, with a different command.
# CPython 3.12 or newer only: 3.11 has a garbage-collector use-after-free that this app triggers
# (workers die with SIGSEGV under load; see README, "Python 3.12 or newer").
# Build: docker build -t toko-anyaman .   (needs only PyPI; no other download at build or run time)
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    APP_ENV=production \
    FLASK_APP=wsgi

WORKDIR /app
COPY requirements.txt .
RUN python -c 'import sys; assert sys.version_info >= (3, 12), "needs Python 3.12+"' \
    && pip install -r requirements.txt
COPY . .
RUN pybabel -q compile -d translations \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin shop \
    && mkdir -p /app/instance \
    && chown shop /app/instance
USER shop

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
# Migrations run once per release, before the new web processes start:
#   docker compose run --rm release      (flask --app wsgi db upgrade)
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
