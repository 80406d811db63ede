-- Run after every migration, on every start: creates or refreshes the application role.
-- The services connect as this role: it is not a superuser, owns nothing and cannot bypass RLS,
-- so the tenant policies always apply to it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$AppRole$') THEN
        CREATE ROLE "$AppRole$" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$AppPassword$';
    ELSE
        ALTER ROLE "$AppRole$" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$AppPassword$';
    END IF;
END
$$;

GRANT CONNECT, TEMPORARY ON DATABASE "$Database$" TO "$AppRole$";
GRANT USAGE ON SCHEMA public TO "$AppRole$";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "$AppRole$";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "$AppRole$";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO "$AppRole$";
REVOKE ALL ON TABLE schemaversions FROM "$AppRole$";
