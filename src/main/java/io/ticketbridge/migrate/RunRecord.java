package io.ticketbridge.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code migrate verify} and {@code migrate undo} read from a run's report.json: its vendors, its id map and
 * what became of each ticket. Fields it does not know are ignored (the report grows).
 *
 * @param idMap   source ticket id → target ticket id, as the run left them
 * @param tickets every ticket the run handled or failed, in the report's order
 */
public record RunRecord(String runId, String source, String target, boolean dryRun, Map<String, String> idMap,
                        List<TicketResult> tickets) {

    /** One line of ticketResults (or of failures: result FAILED, no target). */
    public record TicketResult(String sourceId, String targetId, String result, String reason) {
    }

    /** Reads DIR/report.json; an IllegalArgumentException names what is wrong with it (bad usage). */
    public static RunRecord read(Path dir) {
        Path file = dir.resolve("report.json");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--report " + dir + ": no report.json in it");
        JsonNode json;
        try {
            json = TicketJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable report (" + e.getMessage() + ")");
        }
        String source = json.path("source").asText(null);
        String target = json.path("target").asText(null);
        if (source == null || target == null || !json.path("idMap").isObject()) {
            throw new IllegalArgumentException(file + ": not a migrate report (no source, target or idMap)");
        }
        Map<String, String> idMap = new LinkedHashMap<>();
        json.get("idMap").fields().forEachRemaining(e -> idMap.put(e.getKey(), e.getValue().asText()));
        List<TicketResult> tickets = new ArrayList<>();
        for (JsonNode t : json.path("ticketResults")) {
            tickets.add(new TicketResult(t.path("source").asText(), t.path("target").isTextual() ? t.get("target").asText() : null,
                    t.path("result").asText(""), null));
        }
        for (JsonNode f : json.path("failures")) {
            tickets.add(new TicketResult(f.path("ticket").asText(), null, "FAILED", f.path("reason").asText("")));
        }
        return new RunRecord(json.at("/run/id").asText(""), source, target, json.at("/run/dryRun").asBoolean(false), idMap, tickets);
    }

    /** The tickets this run created in the target: (source id, target id). */
    public List<TicketResult> created() {
        return tickets.stream().filter(t -> "CREATED".equals(t.result()) && t.targetId() != null).toList();
    }
}
