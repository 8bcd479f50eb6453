-- 010_alerts_view_email: alerts_view gets the recipient's email (user_email).
--
-- Where we differ from the original: the original dropped the view without IF EXISTS
-- and always recreated it. Here it is rebuilt only while user_email is missing, so a
-- second run changes nothing.

INSERT INTO schema_migrations (version, started_at) VALUES ('010_alerts_view_email', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

DO $$
BEGIN
    IF NOT relation_has_column('alerts_view', 'user_email') THEN
        DROP VIEW IF EXISTS alerts_view;
        CREATE VIEW alerts_view AS
        SELECT a.id,
               a.institution_id,
               i.name AS institution_name,
               i.identifier AS institution_identifier,
               a.type,
               a.subject,
               a.content,
               a.deletion_request_id,
               a.created_at,
               au.user_id,
               u.name AS user_name,
               u.email AS user_email,
               au.sent_at,
               au.read_at
        FROM alerts a
        LEFT JOIN alerts_users au ON au.alert_id = a.id
        LEFT JOIN users u ON u.id = au.user_id
        LEFT JOIN institutions i ON i.id = a.institution_id;
    END IF;
END
$$;

UPDATE schema_migrations SET finished_at = now() WHERE version = '010_alerts_view_email';
