package io.ticketbridge.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.cli.CliRun;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate verify} and {@code migrate undo} in-process against a running sandbox over HTTP, the state in a
 * real H2 file: verify reads both accounts again; what undo leaves is counted through the target's own API.
 */
class MigrateVerifyUndoTest {
    @TempDir
    Path work;
    private Sandbox sandbox;
    private Path config;

    @BeforeEach
    void sandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
        config = SandboxConfig.write(sandbox, work);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun cli(String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        args.add("--config");
        args.add(config.toString());
        return CliRun.of("", args.toArray(String[]::new));
    }

    private Path migrated(String from, String to, String name) {
        Path report = work.resolve(name);
        CliRun run = cli("migrate", "--from", from, "--to", to, "--report", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return report;
    }

    private static JsonNode json(Path file) throws Exception {
        return TicketJson.mapper().readTree(file.toFile());
    }

    @Test
    void verifyPassesAfterGoodMigrationsAndComparesEveryAttachmentWritten() throws Exception {
        for (String[] pair : new String[][] {{"thulium", "superoffice"}, {"keliweb", "plusofon"}, {"superoffice", "thulium"},
                {"plusofon", "keliweb"}}) {
            Path report = migrated(pair[0], pair[1], pair[0] + "-" + pair[1]);

            CliRun verify = cli("migrate", "verify", "--report", report.toString());

            assertThat(verify.exitCode()).as("%s -> %s: %s%s", pair[0], pair[1], verify.out(), verify.err()).isZero();
            assertThat(verify.out()).doesNotContain("GAP").contains("Verified " + pair[0] + " -> " + pair[1] + ": ", "; 0 gaps");
            JsonNode run = json(report.resolve("report.json"));
            JsonNode checked = json(report.resolve("verify.json"));
            assertThat(checked.get("tickets").asInt()).isEqualTo(run.at("/tickets/created").asInt()).isPositive();
            assertThat(checked.get("gaps").size()).isZero();
            if (pair[1].equals("superoffice")) {
                assertThat(checked.get("attachments").asInt()).as("compared by name and SHA-256")
                        .isEqualTo(run.at("/attachments/written").asInt()).isPositive();
                assertThat(checked.get("notes").size()).isZero();
            }
        }
    }

    @Test
    void verifyNamesAMessageRemovedInTheTargetAndExitsOne() throws Exception {
        Path report = migrated("thulium", "superoffice", "run");
        SuperOfficeSimulator target = (SuperOfficeSimulator) sandbox.simulator("superoffice");
        Map.Entry<String, String> ticket = ticketWithMessages(report, 3);
        target.removeMessage(Integer.parseInt(ticket.getValue()), 1);

        CliRun verify = cli("migrate", "verify", "--report", report.toString());

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out().lines().filter(l -> l.startsWith("GAP")))
                .containsExactly("GAP " + ticket.getKey() + " -> " + ticket.getValue() + ": message 2 of "
                        + messageCount(ticket.getKey()) + " " + gapText(verify, ticket.getValue()));
        assertThat(verify.out()).contains("missing").contains("1 gaps (1 missing, 0 duplicated");
        JsonNode gap = json(report.resolve("verify.json")).at("/gaps/0");
        assertThat(gap.get("kind").asText()).isEqualTo("MISSING_MESSAGE");
        assertThat(gap.get("source").asText()).isEqualTo(ticket.getKey());
    }

    @Test
    void verifyReportsADuplicatedMessage() throws Exception {
        Path report = migrated("thulium", "superoffice", "run");
        SuperOfficeSimulator target = (SuperOfficeSimulator) sandbox.simulator("superoffice");
        Map.Entry<String, String> ticket = ticketWithMessages(report, 2);
        target.duplicateMessage(Integer.parseInt(ticket.getValue()), 0);

        CliRun verify = cli("migrate", "verify", "--report", report.toString());

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        List<String> gaps = verify.out().lines().filter(l -> l.startsWith("GAP")).toList();
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0)).startsWith("GAP " + ticket.getKey() + " -> " + ticket.getValue() + ": message 1 of ")
                .contains("duplicated (2 copies in the target, 1 in the source)");
        assertThat(json(report.resolve("verify.json")).at("/gaps/0/kind").asText()).isEqualTo("DUPLICATED_MESSAGE");
    }

    @Test
    void undoOnSuperOfficeLeavesTheTargetAsBeforeAndASecondMigrateRecreatesEveryTicket() throws Exception {
        String base = sandbox.connectorProperties().get("ticketbridge.superoffice.baseUrl");
        List<Integer> before = targetTicketIds(base);
        int source = sandbox.simulator("keliweb").ticketCount();
        Path report = migrated("keliweb", "superoffice", "run");
        assertThat(targetTicketIds(base)).hasSize(before.size() + source);

        CliRun undo = cli("migrate", "undo", "--report", report.toString());

        assertThat(undo.exitCode()).as(undo.out() + undo.err()).isZero();
        assertThat(undo.out()).contains("Undone keliweb -> superoffice: " + source + " tickets deleted, 0 gone already, 0 to remove by hand");
        assertThat(targetTicketIds(base)).as("the target's own list, as before the run").isEqualTo(before);

        Path again = migrated("keliweb", "superoffice", "again");

        assertThat(json(again.resolve("report.json")).at("/tickets/created").asInt()).isEqualTo(source);
        assertThat(targetTicketIds(base)).hasSize(before.size() + source);
        assertThat(cli("migrate", "verify", "--report", again.toString()).exitCode()).isZero();
        // undo of the first run again: its tickets are gone, nothing else is touched
        CliRun twice = cli("migrate", "undo", "--report", report.toString());
        assertThat(twice.out()).contains("0 tickets deleted, " + source + " gone already");
        assertThat(targetTicketIds(base)).hasSize(before.size() + source);
    }

    @Test
    void undoOnAVendorThatCannotDeleteListsTheTargetIdsAndExitsOne() throws Exception {
        int before = sandbox.simulator("thulium").ticketCount();
        Path report = migrated("superoffice", "thulium", "run");
        int after = sandbox.simulator("thulium").ticketCount();

        CliRun undo = cli("migrate", "undo", "--report", report.toString());

        assertThat(undo.exitCode()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        json(report.resolve("report.json")).get("idMap").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(after - before);
        assertThat(undo.out()).contains("Remove by hand in thulium (thulium's API cannot delete tickets (docs/vendors/thulium.md)): "
                + String.join(" ", ids));
        assertThat(sandbox.simulator("thulium").ticketCount()).isEqualTo(after);
    }

    @Test
    void verifyAndUndoWithoutAReportOrOnADryRunAreBadUsage() throws Exception {
        Path plan = work.resolve("plan");
        assertThat(cli("migrate", "--from", "thulium", "--to", "superoffice", "--dry-run", "--report", plan.toString()).exitCode()).isZero();
        for (String command : new String[] {"verify", "undo"}) {
            CliRun none = cli("migrate", command, "--report", work.resolve("nothing").toString());
            CliRun dry = cli("migrate", command, "--report", plan.toString());

            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.err().strip()).startsWith("ticketbridge migrate " + command + ": --report ").contains("no report.json in it")
                    .doesNotContain("\n");
            assertThat(dry.exitCode()).isEqualTo(2);
            assertThat(dry.err()).contains("is a dry run's: it wrote nothing to superoffice");
        }
        assertThat(CliRun.of("", "migrate", "verify").exitCode()).isEqualTo(2);
    }

    /** An id-map entry whose source ticket has at least {@code n} messages. */
    private Map.Entry<String, String> ticketWithMessages(Path report, int n) throws Exception {
        var fields = json(report.resolve("report.json")).get("idMap").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (messageCount(e.getKey()) >= n) return Map.entry(e.getKey(), e.getValue().asText());
        }
        throw new AssertionError("no migrated ticket with " + n + " messages");
    }

    private int messageCount(String thuliumId) throws Exception {
        String base = sandbox.connectorProperties().get("ticketbridge.thulium.baseUrl");
        String auth = sandbox.connectorProperties().get("ticketbridge.thulium.username") + ":"
                + sandbox.connectorProperties().get("ticketbridge.thulium.password");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/tickets/" + thuliumId))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return TicketJson.mapper().readTree(r.body()).get("messages").size();
    }

    /** The rest of the gap line after "message 2 of N " (kind and excerpt), as printed. */
    private static String gapText(CliRun verify, String targetId) {
        String line = verify.out().lines().filter(l -> l.startsWith("GAP") && l.contains("-> " + targetId + ":")).findFirst().orElse("");
        int at = line.indexOf(" of ");
        return at < 0 ? "" : line.substring(line.indexOf(' ', at + 4) + 1);
    }

    /** Every ticket id the SuperOffice tenant lists, through its REST archive (GET /api/v1/Ticket). */
    private static List<Integer> targetTicketIds(String base) throws Exception {
        String auth = SuperOfficeSimulator.USERNAME + ":" + SuperOfficeSimulator.PASSWORD;
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/Ticket?$select=ticketId"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Integer> ids = new ArrayList<>();
        TicketJson.mapper().readTree(r.body()).get("value").forEach(t -> ids.add(t.get("ticketId").asInt()));
        return ids;
    }
}
