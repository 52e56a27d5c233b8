package io.ticketbridge.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void theDatabaseFileAndItsDirectoryAreCreated() {
        store.saveCursor("k", "v");
        assertThat(Files.exists(dir.resolve("state/ticketbridge.mv.db"))).isTrue();
    }

    @Test
    void aBadUrlIsOneClearMessageWithoutThePassword() {
        JdbcStateStore bad = new JdbcStateStore("postgres://nope", "u", "s3cret");
        assertThatThrownBy(bad::start).hasMessageContaining("must be a JDBC URL").hasMessageNotContaining("s3cret");
        assertThat(bad.toString()).doesNotContain("s3cret");
    }
}
