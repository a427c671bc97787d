-- TRUNCATE bypasses row triggers: refuse it too, or an emptied trail would verify as intact.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
