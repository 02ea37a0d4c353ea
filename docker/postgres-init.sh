#!/bin/sh
# Runs once, when the postgres container initializes an empty volume: the application's own login, which the registry
# grants its rights to after every migration (SELECT/INSERT only on the audit log and governance records). The schema
# owner is POSTGRES_USER (registry).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$REGISTRY_DB_APP_PASSWORD" <<'SQL'
CREATE ROLE registry_app LOGIN PASSWORD :'app_password';
GRANT CONNECT ON DATABASE registry TO registry_app;
SQL
