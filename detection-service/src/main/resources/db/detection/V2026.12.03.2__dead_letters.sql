-- Messages a consumer of this service could not handle after retrying, for a reason retrying cannot mend; kept so
-- that the messages behind them move on, listed and replayed through /admin/dead-letters (platform's deadletter).
CREATE TABLE detection.dead_letter (
    id        bigserial PRIMARY KEY,
    consumer  text        NOT NULL,
    topic     text        NOT NULL,
    payload   bytea       NOT NULL,
    reason    text        NOT NULL,
    attempts  integer     NOT NULL,
    parked_at timestamptz NOT NULL DEFAULT now()
);
