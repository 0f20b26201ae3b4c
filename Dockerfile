# The same install and start as the README's `make run`: the bundled model,
# offline, serving on port 8000, tickets in SQLite on the /data volume (or
# PostgreSQL with -e TRIAGE_DATABASE_URL=postgresql://...).
FROM python:3.11-slim

# torch==2.13.0 from PyPI is a large CUDA build on x86_64; pass an index of
# CPU wheels with --build-arg PIP_EXTRA_INDEX_URL=... for a smaller image.
ARG PIP_EXTRA_INDEX_URL=""
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    PIP_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL}
RUN apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt requirements-dev.txt pyproject.toml README.md Makefile ./
COPY scripts ./scripts
COPY triage ./triage
COPY api ./api
COPY models ./models
RUN ./scripts/setup.sh
ENV TRIAGE_DATABASE_URL=sqlite:////data/triage.db
VOLUME /data
EXPOSE 8000
CMD [".venv/bin/triage", "serve", "--host", "0.0.0.0", "--port", "8000"]
