-- The pilot PostgreSQL: one database per service (keycloak is created by the image itself).
CREATE DATABASE rubric;
CREATE DATABASE evidence;
CREATE DATABASE scoring;
CREATE DATABASE workflow;
CREATE DATABASE notification;
-- audit-service's migration (as this superuser) creates the append-only role kaohe_audit_runtime itself.
CREATE DATABASE audit;
