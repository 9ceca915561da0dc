-- How many people an action expects to reach, and how many of them belong to its target groups (G§70): the
-- basis of the cost per person reached. Both optional (NULL: not stated).
ALTER TABLE strategy_action ADD COLUMN reach_people BIGINT;
ALTER TABLE strategy_action ADD COLUMN reach_target BIGINT
