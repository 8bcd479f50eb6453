-- 040_alert_mail_and_deletion_lookups: alerts go out by mail through the outbox, and deletion requests are found
-- by the file or object they cover.
--
-- Every alert is mailed to each of its recipients through the outbox (030). A message made for an alert names it
-- (mail_outbox.alert_id), and each recipient row names the user it goes to (mail_outbox_recipients.user_id), so
-- that the sender, when it records a delivery, also sets alerts_users.sent_at for that alert and user: sent_at
-- then means what the original's column says, the alert was mailed to the user.
--
-- A new deletion request is refused while another one still waiting for approval covers the same file or object,
-- and the admin API's soft delete looks for the approved request of a file or object: both look the link tables
-- up by file or object, which their unique (request, file/object) keys do not serve.
--
-- Idempotency: ADD COLUMN / CREATE INDEX IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('040_alert_mail_and_deletion_lookups', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS alert_id bigint;
ALTER TABLE mail_outbox_recipients ADD COLUMN IF NOT EXISTS user_id integer;

CREATE INDEX IF NOT EXISTS mail_outbox_alert ON mail_outbox (alert_id) WHERE alert_id IS NOT NULL;

CREATE INDEX IF NOT EXISTS index_deletion_requests_generic_files_on_generic_file_id
    ON deletion_requests_generic_files (generic_file_id);
CREATE INDEX IF NOT EXISTS index_deletion_requests_intellectual_objects_on_intellectual_object_id
    ON deletion_requests_intellectual_objects (intellectual_object_id);

UPDATE schema_migrations SET finished_at = now() WHERE version = '040_alert_mail_and_deletion_lookups';
