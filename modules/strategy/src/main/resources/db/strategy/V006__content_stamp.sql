-- A counter raised by every change to a version's content (priorities, objectives, actions, budget), in the same
-- transaction as the change: the pages' derived views (action rows, totals, costs, exports, history) are cached
-- per version and stamp, so a view is never served for content older than what is committed.
ALTER TABLE strategy_version ADD COLUMN content_stamp BIGINT NOT NULL DEFAULT 0
