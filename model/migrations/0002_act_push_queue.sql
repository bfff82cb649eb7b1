-- Two-way sync: local edits of Magento records waiting to be pushed (or
-- failed and kept with their error until retried). base is Magento's
-- record as last synced when the owner started editing (the common
-- ancestor of the three-way merge); local is the edited record. Both are
-- Magento-shaped JSON. Rows are kept after success (status 'done') as a
-- short history of what was pushed and which conflicts were settled.
CREATE TABLE act_push_queue (
    id          INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    magento_id  INTEGER NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    base        TEXT NOT NULL DEFAULT '',
    local       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    conflicts   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX act_push_queue_open ON act_push_queue(channel_id, status, id);
CREATE INDEX act_push_queue_record ON act_push_queue(channel_id, entity, magento_id);
