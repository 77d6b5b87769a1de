-- The services' databases, each owned by the service's own role: a login that is no superuser, may not create
-- databases or roles, owns its database (and so, on PostgreSQL 15+, its schema public) and nothing else; no
-- other role may connect to the database. audit-service's tables are owned by kaohe_audit (it migrates them),
-- while the service logs in as kaohe_audit_runtime, which audit's migration V1 lets INSERT and SELECT only.
--
-- The pilot PostgreSQL runs this once, on its first start, as the superuser (docker-entrypoint-initdb.d; the
-- image made database keycloak). On the county's own server: the same variables set, as a superuser,
--   psql -v ON_ERROR_STOP=1 -d postgres -f create-databases.sql   (psql 15+: \getenv; create database keycloak first)
-- Names and passwords come from the environment (docker-compose.yml passes the .env values); an unset one
-- stops the script.
\getenv rubric_user RUBRIC_DB_USER
\getenv rubric_password RUBRIC_DB_PASSWORD
\getenv evidence_user EVIDENCE_DB_USER
\getenv evidence_password EVIDENCE_DB_PASSWORD
\getenv scoring_user SCORING_DB_USER
\getenv scoring_password SCORING_DB_PASSWORD
\getenv workflow_user WORKFLOW_DB_USER
\getenv workflow_password WORKFLOW_DB_PASSWORD
\getenv notification_user NOTIFICATION_DB_USER
\getenv notification_password NOTIFICATION_DB_PASSWORD
\getenv audit_owner AUDIT_DB_MIGRATION_USER
\getenv audit_owner_password AUDIT_DB_MIGRATION_PASSWORD
\getenv audit_user AUDIT_DB_USER
\getenv audit_password AUDIT_DB_PASSWORD
\getenv keycloak_user KEYCLOAK_DB_USER
\getenv keycloak_password KEYCLOAK_DB_PASSWORD

CREATE ROLE :"rubric_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'rubric_password';
CREATE DATABASE rubric OWNER :"rubric_user";
REVOKE ALL ON DATABASE rubric FROM PUBLIC;

CREATE ROLE :"evidence_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'evidence_password';
CREATE DATABASE evidence OWNER :"evidence_user";
REVOKE ALL ON DATABASE evidence FROM PUBLIC;

CREATE ROLE :"scoring_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'scoring_password';
CREATE DATABASE scoring OWNER :"scoring_user";
REVOKE ALL ON DATABASE scoring FROM PUBLIC;

-- Both workflow replicas (two Camunda engines) log in as this one role.
CREATE ROLE :"workflow_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'workflow_password';
CREATE DATABASE workflow OWNER :"workflow_user";
REVOKE ALL ON DATABASE workflow FROM PUBLIC;

CREATE ROLE :"notification_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'notification_password';
CREATE DATABASE notification OWNER :"notification_user";
REVOKE ALL ON DATABASE notification FROM PUBLIC;

-- The runtime role exists before audit's migration runs (its owner may not create roles).
CREATE ROLE :"audit_owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'audit_owner_password';
CREATE ROLE kaohe_audit_runtime NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
SELECT :'audit_user' <> 'kaohe_audit_runtime' AS audit_user_apart \gset
\if :audit_user_apart
CREATE ROLE :"audit_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'audit_password';
GRANT kaohe_audit_runtime TO :"audit_user";
\else
ALTER ROLE kaohe_audit_runtime LOGIN PASSWORD :'audit_password';
\endif
CREATE DATABASE audit OWNER :"audit_owner";
REVOKE ALL ON DATABASE audit FROM PUBLIC;
GRANT CONNECT ON DATABASE audit TO kaohe_audit_runtime;

CREATE ROLE :"keycloak_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'keycloak_password';
ALTER DATABASE keycloak OWNER TO :"keycloak_user";
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
