#!/usr/bin/env bash
# Start a local PostgreSQL for the store tests and print its SQLAlchemy URL; print nothing when
# it cannot be had (the PostgreSQL tests then skip with a visible reason).
set -uo pipefail
{
  if ! command -v pg_ctlcluster >/dev/null; then
    timeout 600 apt-get update -qq && timeout 600 apt-get install -y -qq postgresql
  fi
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  [ -n "$version" ] || exit 0
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main
  pg_ctlcluster "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='gongwen') THEN CREATE ROLE gongwen LOGIN PASSWORD 'gongwen'; END IF; END \\\$\\\$;\""
  su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='gongwen_test'\" | grep -q 1 || createdb -O gongwen gongwen_test"
} >&2
pg_isready -q -h 127.0.0.1 && echo "postgresql+psycopg://gongwen:gongwen@127.0.0.1:5432/gongwen_test"
