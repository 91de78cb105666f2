-- Tamper-evident audit trail (hand-written: Prisma cannot express triggers, grants or schemas).
--
-- Time and order come from the database. A BEFORE INSERT trigger discards whatever the caller
-- put in "seq", "at", "prevHash" and "hash". A deferred constraint trigger then links each new
-- event into one hash chain when its transaction commits:
--   seq      = previous head seq + 1 (gapless, in commit order)
--   at       = the commit-time clock, UTC (monotonic along the chain)
--   prevHash = the previous head's hash ("0" * 64 before the first event)
--   hash     = sha256(prevHash || canonical content), hex
-- The head lives in one row of audit_chain.head, a schema the app role cannot reach. Taking
-- that row FOR UPDATE is the single sequencer: concurrent writers queue for it, so two
-- transactions can never link to the same predecessor (no fork). Because the trigger is
-- deferred, the row lock is held only from the commit-time trigger to the commit itself, not
-- for the whole transaction, so writers overlap everywhere except in that short step. Under
-- REPEATABLE READ a concurrent head update makes the commit fail with a serialization error
-- (retry), never a fork.
CREATE SCHEMA IF NOT EXISTS audit_chain;
REVOKE ALL ON SCHEMA audit_chain FROM PUBLIC;

CREATE TABLE audit_chain.head (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    hash text NOT NULL,
    at timestamp(3) NOT NULL
);

-- The canonical content of an event. lib/audit/chain.ts holds the verifier's own copy of this
-- expression (the verifier does not trust a function the database owner could redefine), and a test
-- proves the two agree.
CREATE FUNCTION audit_chain.canonical(e "AuditEvent") RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    e."seq", e."id", to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e."action",
    e."result"::text, e."reason", e."actorType"::text, e."actorId", e."actorLabel",
    to_jsonb(e."actorRoles"), to_jsonb(e."actorPermissions"), e."ip", e."userAgent",
    e."requestId", e."method", e."path", e."targetType", e."targetId",
    e."before", e."after", e."metadata"
  )::text
$$;

CREATE FUNCTION audit_chain.hash(prev text, canonical text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev || canonical, 'UTF8')), 'hex')
$$;

-- Whatever the caller sends, the database decides position, time and hashes.
CREATE FUNCTION audit_chain.reset_db_fields() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."seq" := NULL;
  NEW."at" := (now() AT TIME ZONE 'UTC')::timestamp(3);
  NEW."prevHash" := NULL;
  NEW."hash" := NULL;
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_chain.link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head audit_chain.head%ROWTYPE;
  e "AuditEvent"%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_chain.head WHERE id = 1 FOR UPDATE;
  SELECT * INTO e FROM "AuditEvent" WHERE "id" = NEW."id";
  e."seq" := head.seq + 1;
  -- Never before the previous link, even if the wall clock stepped back.
  e."at" := greatest((clock_timestamp() AT TIME ZONE 'UTC')::timestamp(3), head.at);
  e."prevHash" := head.hash;
  e."hash" := audit_chain.hash(head.hash, audit_chain.canonical(e));
  UPDATE "AuditEvent"
     SET "seq" = e."seq", "at" = e."at", "prevHash" = e."prevHash", "hash" = e."hash"
   WHERE "id" = e."id";
  UPDATE audit_chain.head SET seq = e."seq", hash = e."hash", at = e."at" WHERE id = 1;
  RETURN NULL;
END
$$;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA audit_chain FROM PUBLIC;

-- Events written before the chain existed are linked once, in their original order (first to
-- temporary negative positions, so renumbering never collides with the unique seq).
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  n bigint := 0;
  last_at timestamp(3) := '-infinity';
  e "AuditEvent"%ROWTYPE;
BEGIN
  FOR r IN SELECT "id" FROM "AuditEvent" ORDER BY "seq", "id" LOOP
    n := n + 1;
    SELECT * INTO e FROM "AuditEvent" WHERE "id" = r."id";
    e."seq" := -n;
    UPDATE "AuditEvent" SET "seq" = e."seq" WHERE "id" = e."id";
  END LOOP;
  FOR r IN SELECT "id" FROM "AuditEvent" ORDER BY "seq" DESC LOOP
    SELECT * INTO e FROM "AuditEvent" WHERE "id" = r."id";
    e."seq" := -e."seq";
    e."at" := greatest(e."at", last_at);
    last_at := e."at";
    e."prevHash" := prev;
    e."hash" := audit_chain.hash(prev, audit_chain.canonical(e));
    prev := e."hash";
    UPDATE "AuditEvent"
       SET "seq" = e."seq", "at" = e."at", "prevHash" = e."prevHash", "hash" = e."hash"
     WHERE "id" = e."id";
  END LOOP;
  INSERT INTO audit_chain.head VALUES (1, n, prev, CASE WHEN n = 0 THEN '-infinity' ELSE last_at END);
END
$$;

CREATE TRIGGER "AuditEvent_db_fields" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_chain.reset_db_fields();

CREATE CONSTRAINT TRIGGER "AuditEvent_chain" AFTER INSERT ON "AuditEvent"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_chain.link();

-- Checkpoints are append-only for everyone but the table owner (grants give the app role
-- UPDATE and DELETE on every table in public, and this closes them for this one).
CREATE FUNCTION audit_chain.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "AuditCheckpoint_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain.refuse_change();
