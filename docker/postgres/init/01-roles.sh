#!/usr/bin/env bash
#
# Creates Liaison's database roles and database. Run once by the postgres image's entrypoint, as the
# superuser (POSTGRES_USER), when the data volume is first initialised (/docker-entrypoint-initdb.d).
# Changing the passwords in .env later does NOT change them here: use ALTER ROLE ... PASSWORD, or remove
# the volume (all data) and start again.
#
#   liaison_owner    LOGIN   owns database liaison and schema public; runs the migrations
#   liaison_runtime  NOLOGIN group role; migrations grant it the table privileges the application needs
#   liaison_app      LOGIN   the application's role (DATABASE_URL); member of liaison_runtime
#
# Neither login role is a superuser or may create databases or roles.
#
# Passwords come from the environment of the postgres service (LIAISON_OWNER_DB_PASSWORD,
# LIAISON_APP_DB_PASSWORD) and reach SQL only as psql variables (:'name' quotes them as literals), so no
# password is interpolated into SQL text by the shell.
#
# The entrypoint executes this file when it is executable and sources it otherwise; it sets only the shell
# options the entrypoint itself runs with (-Eeo pipefail), so either way behaves the same.

set -Eeo pipefail

if [ -z "${LIAISON_OWNER_DB_PASSWORD:-}" ] || [ -z "${LIAISON_APP_DB_PASSWORD:-}" ]; then
	echo "01-roles.sh: LIAISON_OWNER_DB_PASSWORD and LIAISON_APP_DB_PASSWORD must be set for the postgres service" >&2
	false
fi

psql --no-psqlrc --no-password -v ON_ERROR_STOP=1 \
	--username "${POSTGRES_USER:-postgres}" \
	--dbname "${POSTGRES_DB:-postgres}" \
	--set owner_password="$LIAISON_OWNER_DB_PASSWORD" \
	--set app_password="$LIAISON_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE liaison_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'owner_password';
CREATE ROLE liaison_runtime WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE liaison_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'app_password';
GRANT liaison_runtime TO liaison_app;

CREATE DATABASE liaison OWNER liaison_owner;
REVOKE ALL ON DATABASE liaison FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE liaison TO liaison_runtime;

\connect liaison
ALTER SCHEMA public OWNER TO liaison_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO liaison_runtime;
SQL

echo "01-roles.sh: created roles liaison_owner, liaison_runtime, liaison_app and database liaison"
