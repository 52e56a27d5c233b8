package io.ticketbridge.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file, as the default run uses it. */
class H2StateStoreTest extends StateStoreContract {
    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("state/ticketbridge");
    }

    @Override
    protected JdbcStateStore newStore() {
        return new JdbcStateStore(url(), "sa", "");
    }

    @Override
    protected JdbcStateStore reopen() {
        return newStore();
    }

    @Override
    protected void refuseIntentDeletes() throws Exception {
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE TRIGGER tb_intent_refuse_delete BEFORE DELETE ON tb_intent FOR EACH ROW CALL '"
                    + RefuseDelete.class.getName() + "'");
        }
    }

    /** An H2 trigger is a Java class. */
    public static class RefuseDelete implements org.h2.api.Trigger {
        @Override
        public void fire(java.sql.Connection c, Object[] oldRow, Object[] newRow) throws java.sql.SQLException {
            throw new java.sql.SQLException("deletes refused by the test");
        }
    }

    @Test
    void storesStartingTogetherOnANewDatabaseMigrateItOnce() throws Exception {
        String fresh = "jdbc:h2:file:" + dir.resolve("together/ticketbridge");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var started = new java.util.ArrayList<java.util.concurrent.Future<JdbcStateStore>>();
            for (int i = 0; i < 4; i++) {
                started.add(pool.submit(() -> {
                    start.await();
                    JdbcStateStore s = new JdbcStateStore(fresh, "sa", "");
                    s.start(); // before the fix: "Table TB_CURSOR already exists" in all but one
                    return s;
                }));
            }
            start.countDown();
            for (var f : started) {
                try (JdbcStateStore s = f.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    s.saveCursor("k", "v");
                    assertThat(s.cursor("k")).contains("v");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDatabaseFileAndItsDirectoryAreCreated() {
        store.saveCursor("k", "v");
        assertThat(Files.exists(dir.resolve("state/ticketbridge.mv.db"))).isTrue();
    }

    @Test
    void aPathRelativeToTheWorkingDirectoryIsAccepted() {
        // what application.properties builds from ticketbridge.data-dir=data
        String relative = "target/state-test-" + java.util.UUID.randomUUID() + "/ticketbridge";
        JdbcStateStore s = new JdbcStateStore("jdbc:h2:file:" + relative, "sa", "");
        try {
            s.start();
            s.saveCursor("k", "v");
            assertThat(s.cursor("k")).contains("v");
            assertThat(Path.of(relative + ".mv.db")).exists();
        } finally {
            s.close();
        }
        assertThat(JdbcStateStore.h2FileUrl("jdbc:h2:file:./x;MODE=PostgreSQL")).isEqualTo(
                "jdbc:h2:file:" + Path.of("x").toAbsolutePath() + ";MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64");
        assertThat(JdbcStateStore.h2FileUrl("jdbc:h2:./x")).isEqualTo("jdbc:h2:file:" + Path.of("x").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64");
        assertThat(JdbcStateStore.h2FileUrl("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(JdbcStateStore.h2FileUrl("jdbc:h2:tcp://db/x")).isEqualTo("jdbc:h2:tcp://db/x");
    }

    @Test
    void commitsGoToTheFileAtOnceUnlessTheUrlSaysOtherwise() throws Exception {
        assertThat(setting(store, "WRITE_DELAY")).isEqualTo("0");
        assertThat(JdbcStateStore.h2FileUrl("jdbc:h2:file:/d/x;write_delay=100;DB_CLOSE_ON_EXIT=TRUE;QUERY_CACHE_SIZE=0;"))
                .isEqualTo("jdbc:h2:file:/d/x;write_delay=100;DB_CLOSE_ON_EXIT=TRUE;QUERY_CACHE_SIZE=0");
        store.close();
        store = new JdbcStateStore(url() + ";WRITE_DELAY=100", "sa", "");
        assertThat(setting(store, "WRITE_DELAY")).as("the operator's explicit choice").isEqualTo("100");
    }

    @Test
    void parsedStatementsAreKeptForEveryStatementTheStoreUses() throws Exception {
        // H2's default keeps 8 per connection, fewer than the store's statements: each was parsed again every time
        assertThat(setting(store, "QUERY_CACHE_SIZE")).isEqualTo("64");
    }

    @Test
    void theDatabaseStaysOpenForWritesWhileTheJvmShutsDown() throws Exception {
        store.close(); // an H2 file is open in one process at a time
        ChildJvm.Ended child = ChildJvm.run(WritesWhileShuttingDown.class, url());
        assertThat(child.output()).as("exit %d", child.exitCode()).contains("WROTE").doesNotContain("FAILED");
        store = reopen();
        assertThat(store.cursor("written-while-shutting-down")).contains("yes");
    }

    private static String setting(JdbcStateStore s, String name) throws Exception {
        try (var c = s.dataSource().getConnection(); var st = c.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aBadUrlIsOneClearMessageWithoutThePassword() {
        JdbcStateStore bad = new JdbcStateStore("postgres://nope", "u", "s3cret");
        assertThatThrownBy(bad::start).hasMessageContaining("must be a JDBC URL").hasMessageNotContaining("s3cret");
        assertThat(bad.toString()).doesNotContain("s3cret");
    }
}
