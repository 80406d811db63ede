-- The person the current transaction serves, set by the unit of work with set_config('app.user_id', '<uuid>', true)
-- for a user's request, and empty for the system's work (consumers, schedulers). A table whose rows each belong to
-- one person adds, beside its tenant policy, a restrictive policy on app_user_id(): a person then reads and changes
-- only their own rows, whatever a query forgets, while the system still serves everyone.
CREATE FUNCTION app_user_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
