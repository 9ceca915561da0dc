-- Funding partners of an action (role 'funder') sit beside its supporting partners ('support') in the same table:
-- an actor of the coalition or a name typed by hand; positions run on across both roles.
ALTER TABLE strategy_action_support ADD COLUMN role VARCHAR(8) NOT NULL DEFAULT 'support';
ALTER TABLE strategy_action_support ADD CONSTRAINT strategy_action_support_role CHECK (role IN ('support', 'funder'))
