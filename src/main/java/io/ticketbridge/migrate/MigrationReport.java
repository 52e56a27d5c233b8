package io.ticketbridge.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.migrate.MigrationTally.Failure;
import io.ticketbridge.migrate.MigrationTally.Result;
import io.ticketbridge.migrate.MigrationTally.TicketLine;
import io.ticketbridge.sink.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** {@code --report DIR}: report.json (the numbers, failures and id map) and a self-contained report.html. */
public final class MigrationReport {
    private MigrationReport() {
    }

    public static void write(Path dir, MigrationPlan plan, MigrationTally tally) throws IOException {
        ObjectNode json = json(plan, tally);
        AtomicFiles.write(dir.resolve("report.json"),
                TicketJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json), true);
        AtomicFiles.write(dir.resolve("report.html"), html(plan, tally).getBytes(StandardCharsets.UTF_8), true);
    }

    static ObjectNode json(MigrationPlan plan, MigrationTally tally) {
        ObjectNode root = TicketJson.mapper().createObjectNode();
        ObjectNode run = root.putObject("run");
        run.put("id", tally.runId());
        run.put("startedAt", tally.startedAt().toString());
        run.put("finishedAt", tally.finishedAt() == null ? null : tally.finishedAt().toString());
        run.put("dryRun", plan.dryRun());
        root.put("source", plan.from());
        root.put("target", plan.to());
        ObjectNode tickets = root.putObject("tickets");
        tickets.put("total", tally.total());
        tickets.put("created", tally.count(Result.CREATED));
        tickets.put("updated", tally.count(Result.UPDATED));
        tickets.put("unchanged", tally.unchanged());
        tickets.put("failed", tally.count(Result.FAILED));
        tickets.put("outsideWindow", tally.count(Result.OUTSIDE_WINDOW));
        root.putObject("messages").put("written", tally.messagesWritten());
        root.putObject("attachments").put("written", tally.attachmentsWritten());
        ObjectNode http = root.putObject("http");
        // not counted yet: the connectors' calls go through VendorHttp, which exposes no counters (null, not 0)
        http.putNull("calls");
        http.putNull("retries");
        http.putNull("throttled");
        ObjectNode unmapped = root.putObject("unmapped");
        tally.unmappedValues().forEach((field, values) -> {
            ObjectNode f = unmapped.putObject(field);
            values.forEach(f::put);
        });
        var failures = root.putArray("failures");
        for (Failure f : tally.failures()) {
            failures.addObject().put("ticket", f.ticketId()).put("step", f.step()).put("reason", f.reason())
                    .put("deadLetter", f.deadLetter());
        }
        ObjectNode idMap = root.putObject("idMap");
        tally.idMap().forEach(idMap::put);
        var lines = root.putArray("ticketResults");
        for (TicketLine t : tally.tickets()) {
            lines.addObject().put("source", t.sourceId()).put("target", t.targetId()).put("result", t.result().name())
                    .put("messages", t.messages()).put("attachments", t.attachments());
        }
        return root;
    }

    static String html(MigrationPlan plan, MigrationTally tally) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Migration ")
                .append(esc(plan.from())).append(" → ").append(esc(plan.to())).append("</title>\n<style>"
                        + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#eee}"
                        + ".FAILED{color:#b00}.CREATED{color:#070}</style></head><body>\n");
        h.append("<h1>Migration ").append(esc(plan.from())).append(" → ").append(esc(plan.to()))
                .append(plan.dryRun() ? " (dry run: nothing written)" : "").append("</h1>\n");
        h.append("<table>");
        row(h, "Run", tally.runId());
        row(h, "Started", String.valueOf(tally.startedAt()));
        row(h, "Finished", String.valueOf(tally.finishedAt()));
        row(h, "Tickets", Integer.toString(tally.total()));
        row(h, "Created", Integer.toString(tally.count(Result.CREATED)));
        row(h, "Updated", Integer.toString(tally.count(Result.UPDATED)));
        row(h, "Unchanged", Integer.toString(tally.unchanged()));
        row(h, "Failed", Integer.toString(tally.count(Result.FAILED)));
        row(h, "Messages written", Integer.toString(tally.messagesWritten()));
        row(h, "Attachments written", Integer.toString(tally.attachmentsWritten()));
        h.append("</table>\n<h2>Tickets</h2>\n<table><tr><th>Source</th><th>Target</th><th>Result</th><th>Messages</th>"
                + "<th>Attachments</th><th>Subject</th></tr>\n");
        for (TicketLine t : tally.tickets()) {
            h.append("<tr class=\"").append(t.result()).append("\"><td>").append(esc(t.sourceId())).append("</td><td>")
                    .append(esc(t.targetId())).append("</td><td>").append(t.result()).append("</td><td>").append(t.messages())
                    .append("</td><td>").append(t.attachments()).append("</td><td>").append(esc(t.subject())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Failures</h2>\n<table><tr><th>Ticket</th><th>Step</th><th>Reason</th><th>Dead letter</th></tr>\n");
        for (Failure f : tally.failures()) {
            h.append("<tr><td>").append(esc(f.ticketId())).append("</td><td>").append(esc(f.step())).append("</td><td>")
                    .append(esc(f.reason())).append("</td><td>").append(esc(f.deadLetter())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Unmapped values</h2>\n<table><tr><th>Field</th><th>Value</th><th>Tickets</th></tr>\n");
        for (Map.Entry<String, Map<String, Integer>> f : tally.unmappedValues().entrySet()) {
            f.getValue().forEach((v, n) -> h.append("<tr><td>").append(esc(f.getKey())).append("</td><td>").append(esc(v))
                    .append("</td><td>").append(n).append("</td></tr>\n"));
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    /** Ticket content is the vendors' data: escaped, so a subject with markup shows as text. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
