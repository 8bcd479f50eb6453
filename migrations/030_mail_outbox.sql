-- 030_mail_outbox: outgoing mail, written in the transaction of the change that causes it.
--
-- A message (subject, plain text, HTML) goes into mail_outbox and one row per recipient into
-- mail_outbox_recipients, in the same transaction as the account change that causes it: a change that rolls back
-- leaves no mail behind, and a change that commits always has its mail. The service's mail sender reads due
-- recipient rows with FOR UPDATE SKIP LOCKED, so any number of instances share the outbox and never take the same
-- row; it sends and marks the row sent, or counts the attempt, keeps the error and sets the next attempt after a
-- back-off, or marks it failed after the last attempt.
--
-- Without an SMTP server (the embedded default) the rows stay pending and the admin page /internal/mail shows
-- them.
--
-- Idempotency: CREATE TABLE / INDEX IF NOT EXISTS.
INSERT INTO schema_migrations (version, started_at) VALUES ('030_mail_outbox', now())
ON CONFLICT (version) DO UPDATE SET started_at = excluded.started_at;

CREATE TABLE IF NOT EXISTS mail_outbox (
    id         bigserial PRIMARY KEY,
    -- which template made it (welcome, password_reset, password_changed, ...)
    kind       varchar(64)  NOT NULL,
    subject    varchar(998) NOT NULL,
    body_text  text         NOT NULL,
    body_html  text,
    -- the user the message is about, if any (their page links to it)
    user_id    integer,
    created_at timestamp    NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE INDEX IF NOT EXISTS mail_outbox_created_at ON mail_outbox (created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS mail_outbox_recipients (
    id              bigserial PRIMARY KEY,
    message_id      bigint       NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
    address         varchar(320) NOT NULL,
    -- pending: not delivered yet (waiting for next_attempt_at); sent; failed: gave up after the last attempt
    state           varchar(16)  NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamp    NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    last_attempt_at timestamp,
    last_error      text,
    sent_at         timestamp
);

CREATE INDEX IF NOT EXISTS mail_outbox_recipients_message ON mail_outbox_recipients (message_id);
-- the sender's query: due pending rows, oldest first
CREATE INDEX IF NOT EXISTS mail_outbox_recipients_due ON mail_outbox_recipients (next_attempt_at, id)
    WHERE state = 'pending';

UPDATE schema_migrations SET finished_at = now() WHERE version = '030_mail_outbox';
