-- TicketBridge state, version 1: cursors, the delivery ledger, id maps. Portable SQL (H2 and PostgreSQL).

-- where an incremental source resumes
CREATE TABLE tb_cursor (
    state_key     VARCHAR(300)  NOT NULL PRIMARY KEY,
    cursor_value  VARCHAR(2000) NOT NULL,
    updated_at    TIMESTAMP     NOT NULL
);

-- per flow, the last version of a ticket handed on successfully
CREATE TABLE tb_ledger (
    flow          VARCHAR(300)  NOT NULL,
    ticket_id     VARCHAR(100)  NOT NULL,
    version       VARCHAR(500),
    fingerprint   VARCHAR(64),
    delivered_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (flow, ticket_id)
);

-- per sink, source ticket -> target ticket
CREATE TABLE tb_ticket_map (
    sink              VARCHAR(300) NOT NULL,
    source_system     VARCHAR(50)  NOT NULL,
    source_ticket_id  VARCHAR(100) NOT NULL,
    target_ticket_id  VARCHAR(100) NOT NULL,
    last_status       VARCHAR(20),
    created_at        TIMESTAMP    NOT NULL,
    PRIMARY KEY (sink, source_system, source_ticket_id)
);

-- per sink, source message -> target message (or why it was not written)
CREATE TABLE tb_message_map (
    sink               VARCHAR(300) NOT NULL,
    source_system      VARCHAR(50)  NOT NULL,
    source_ticket_id   VARCHAR(100) NOT NULL,
    source_message_id  VARCHAR(150) NOT NULL,
    target_message_id  VARCHAR(100),
    outcome            VARCHAR(20)  NOT NULL,
    created_at         TIMESTAMP    NOT NULL,
    PRIMARY KEY (sink, source_system, source_ticket_id, source_message_id)
);
