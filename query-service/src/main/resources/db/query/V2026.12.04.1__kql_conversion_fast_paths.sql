-- Fast paths in front of KQL's text conversions, for the forms agents write: ISO 8601 UTC timestamps
-- ('2026-11-19T09:11:51Z', with up to 7 fraction digits) and plain integers. PostgreSQL's regular expressions cost
-- about 2 microseconds per value whatever the pattern; LIKE and translate() a tenth of that. The full rules of
-- V2026.12.02.2 keep their bodies under new names and take every value the fast path does not: the checks accept
-- only a subset of what the full pattern accepts and convert it exactly as the full rule would (an impossible date
-- such as February 30 gives null on both paths). Over 100,000 agent values a to_datetime call costs about a third
-- less and a to_long call about half (figures in the README's KQL benchmark section).
ALTER FUNCTION kql.to_datetime(text) RENAME TO to_datetime_full;
ALTER FUNCTION kql.to_long(text) RENAME TO to_long_full;

CREATE FUNCTION kql.to_datetime(value text) RETURNS timestamptz
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    s text := btrim(value);
BEGIN
    IF s LIKE '____-__-__T__:__:__%Z' AND (length(s) = 20 OR (length(s) BETWEEN 22 AND 28 AND substr(s, 20, 1) = '.'))
            AND translate(s, '0123456789', '') IN ('--T::Z', '--T::.Z')
            AND substr(s, 1, 4) <> '0000' AND substr(s, 6, 2) BETWEEN '01' AND '12' AND substr(s, 9, 2) BETWEEN '01' AND '31'
            AND substr(s, 12, 2) <= '23' AND substr(s, 15, 2) <= '59' AND substr(s, 18, 2) <= '59' THEN
        -- The month is valid here, so its length can be asked; only days past the 28th need it.
        IF substr(s, 9, 2) > '28' AND extract(day from make_date(substr(s, 1, 4)::integer, substr(s, 6, 2)::integer, 1)
                + interval '1 month' - interval '1 day') < substr(s, 9, 2)::integer THEN
            RETURN NULL;
        END IF;
        RETURN s::timestamptz;
    END IF;
    RETURN kql.to_datetime_full(value);
END
$$;

CREATE FUNCTION kql.to_long(value text) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    -- Up to 18 digits always fit a bigint.
    IF length(value) BETWEEN 1 AND 18 AND translate(value, '0123456789', '') = '' THEN
        RETURN value::bigint;
    END IF;
    RETURN kql.to_long_full(value);
END
$$;
