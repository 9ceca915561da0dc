-- Comments and consultations can be edited and deleted on a draft: an optimistic version column each (the second
-- of two concurrent edits is refused), and who last edited a comment and when (shown with it).
ALTER TABLE strategy_comment ADD COLUMN version INT NOT NULL DEFAULT 0;
ALTER TABLE strategy_comment ADD COLUMN edited_by VARCHAR(100);
ALTER TABLE strategy_comment ADD COLUMN edited_at TIMESTAMP;
ALTER TABLE strategy_consultation ADD COLUMN version INT NOT NULL DEFAULT 0
