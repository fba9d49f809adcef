-- FreeRADIUS's stock post-auth query writes every attempt's User-Password (wrong ones
-- included) into radpostauth.pass in clear. Customers' passwords are secrets: the row is
-- kept (who tried, when, accepted or not) but the password never reaches the table.
CREATE OR REPLACE FUNCTION radpostauth_drop_password() RETURNS trigger AS $$
BEGIN
  NEW.pass := NULL;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER radpostauth_drop_password BEFORE INSERT OR UPDATE ON radpostauth
  FOR EACH ROW EXECUTE FUNCTION radpostauth_drop_password();
