-- An organisation may invite an address that signs in to another one (it must not learn that it does): the user
-- exists in each organisation that invited it, and the login directory says which one the address signs in to.
DROP INDEX users_email;
CREATE UNIQUE INDEX users_email ON users (tenant_id, email);
