-- TicketBridge state, version 2: write intents, and finding a ticket mapping by its target. Portable SQL (H2 and PostgreSQL).

-- a write announced to a target before it is sent, until its mapping confirms it (in the same transaction)
-- step: ticket, status, or message: followed by the source message id
CREATE TABLE tb_intent (
    sink              VARCHAR(300) NOT NULL,
    source_system     VARCHAR(50)  NOT NULL,
    source_ticket_id  VARCHAR(100) NOT NULL,
    step              VARCHAR(160) NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sink, source_system, source_ticket_id, step)
);

-- reconciliation asks which source ticket a target ticket already belongs to
CREATE INDEX tb_ticket_map_by_target ON tb_ticket_map (sink, target_ticket_id);
