package io.ticketbridge.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.migrate.MigrationTally.Failure;
import io.ticketbridge.migrate.MigrationTally.Result;
import io.ticketbridge.migrate.MigrationTally.TicketLine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html is self-contained and shows ticket content as text, whatever markup a subject or reason holds. */
class MigrationReportTest {
    @TempDir
    Path dir;

    @Test
    void ticketContentInTheHtmlReportIsEscaped() throws Exception {
        MigrationPlan plan = new MigrationPlan("thulium", "keliweb", null, null, null, 0, 1, 0, false, dir);
        MigrationTally tally = new MigrationTally("run-1");
        tally.ticket(new TicketLine("7", "70", Result.CREATED, 2, 1, "<script>alert('x')</script> & \"quotes\""));
        tally.failed(new Failure("8", "map", "bad <b>payload</b>", "/data/dead-letter/thulium/8-abc.json"));
        tally.unmapped("status", "<weird>");
        tally.finished();

        MigrationReport.write(dir, plan, tally);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).doesNotContain("<script", "<b>", "<weird>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", "bad &lt;b&gt;payload&lt;/b&gt;");
        assertThat(html).doesNotContain("http://", "https://", "src=").as("no external resource");
        String json = Files.readString(dir.resolve("report.json"));
        assertThat(json).contains("\"7\" : \"70\"", "\"failed\" : 1", "\"created\" : 1", "\"<weird>\" : 1",
                "\"deadLetter\" : \"/data/dead-letter/thulium/8-abc.json\"");
    }
}
