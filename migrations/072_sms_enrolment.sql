-- 072_sms_enrolment: a phone number being confirmed for text-message sign-in codes.
--
-- Enrolling in text-message codes (the original's authy_status 'sms') is two steps in one session: the user gives
-- a phone number and a code is texted to it (through the SmsSender: the default writes it to the log); the number
-- waits here, with the code's hash in sms_code_hash / sms_code_expires_at (migration 035), until the user types the
-- code back at /users/confirm_phone. Only then do users.phone_number, authy_status, enabled_two_factor and
-- confirmed_two_factor change.
--
-- Idempotency: ADD COLUMN IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('072_sms_enrolment', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

ALTER TABLE web_sessions ADD COLUMN IF NOT EXISTS pending_phone_number varchar(20);

UPDATE schema_migrations SET finished_at = now() WHERE version = '072_sms_enrolment';
