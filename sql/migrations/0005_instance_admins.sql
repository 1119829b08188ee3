-- Instance administrators: who may take a backup of the whole instance (GET /api/v1/backup).
-- An administrator has no right on a budget by being one; budgets keep their own members.
-- The instance's first user is its administrator; `dojo user add --admin` names more.
CREATE TABLE instance_admins (
    user_id     VARCHAR PRIMARY KEY,
    granted_at  TIMESTAMP NOT NULL
);

INSERT INTO instance_admins
SELECT user_id, created_at FROM users ORDER BY created_at, user_id LIMIT 1;
