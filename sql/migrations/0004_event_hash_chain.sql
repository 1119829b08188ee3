-- Tamper evidence: every event stores a SHA-256 chained over the previous event's hash and
-- its own canonical fields (dojo.eventstore.chain). Existing logs get their chain here.
ALTER TABLE events ADD COLUMN hash VARCHAR;

UPDATE events SET hash = chain.hash
FROM (
    WITH RECURSIVE chain(position, hash) AS (
        SELECT position, sha256(concat_ws(chr(31), '', position::VARCHAR, stream_id,
               version::VARCHAR, type, data::VARCHAR, command_id, coalesce(actor, ''),
               epoch_us(recorded_at)::VARCHAR))
        FROM events WHERE position = 1
        UNION ALL
        SELECT e.position, sha256(concat_ws(chr(31), chain.hash, e.position::VARCHAR,
               e.stream_id, e.version::VARCHAR, e.type, e.data::VARCHAR, e.command_id,
               coalesce(e.actor, ''), epoch_us(e.recorded_at)::VARCHAR))
        FROM events e JOIN chain ON e.position = chain.position + 1
    )
    SELECT position, hash FROM chain
) AS chain
WHERE events.position = chain.position;
