-- NAS addresses in canonical form (trimmed, lower-case, IPv4-mapped IPv6 as IPv4, IPv6 as
-- host() writes it), as the app now writes them: the unique index on nas(nasname) then
-- compares addresses, not spellings. A row whose canonical form another row already has is
-- left as it is (the operator resolves that clash by saving one of the routers).
DO $$
DECLARE
  r record;
  v text;
BEGIN
  FOR r IN SELECT id, nasname FROM nas LOOP
    v := lower(btrim(r.nasname));
    BEGIN
      v := host(v::inet);
      IF v LIKE '::ffff:%.%' THEN
        v := substr(v, 8);
      END IF;
    EXCEPTION WHEN others THEN
      NULL; -- a host name: lower-cased only
    END;
    IF v <> r.nasname AND NOT EXISTS (SELECT 1 FROM nas WHERE nasname = v) THEN
      UPDATE nas SET nasname = v WHERE id = r.id;
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
UPDATE routers SET nas_address = lower(btrim(nas_address)) WHERE nas_address IS NOT NULL AND nas_address <> lower(btrim(nas_address));
--> statement-breakpoint
-- The realm policy (deploy/freeradius/jaring) reads a NAS's organization from its shortname:
-- rows written before it carried the router's name.
UPDATE nas SET shortname = o.slug FROM organizations o WHERE o.id = nas.organization_id AND nas.shortname <> o.slug;
