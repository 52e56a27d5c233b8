package io.ticketbridge.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Vendor;
import io.ticketbridge.connector.Vendors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code convert --from VENDOR [--time-zone ZONE] [FILE]}: vendor payload → canonical JSON lines. The input may
 * hold several payloads one after another (e.g. NDJSON). All tickets are mapped before anything is printed, so bad
 * input leaves stdout empty: one line on stderr names what is wrong and where, exit code 1.
 */
public final class ConvertCommand {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public ConvertCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        String from = null;
        String zone = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from" -> from = value(args, ++i, "--from");
                case "--time-zone" -> zone = value(args, ++i, "--time-zone");
                default -> {
                    if (args[i].startsWith("--")) throw new UsageException("convert: unknown option " + args[i]);
                    if (file != null) throw new UsageException("convert: only one FILE may be given");
                    file = args[i];
                }
            }
        }
        if (from == null) throw new UsageException("convert: --from VENDOR is required (" + Vendors.knownIds() + ")");
        Vendor vendor;
        try {
            vendor = Vendors.get(from);
        } catch (IllegalArgumentException e) {
            throw new UsageException("convert: " + e.getMessage());
        }
        MapperSettings settings = MapperSettings.defaults(vendor);
        if (zone != null) {
            try {
                settings = settings.withTimeZone(ZoneId.of(zone));
            } catch (DateTimeException e) {
                throw new UsageException("convert: --time-zone '" + zone + "' is not a time zone id (e.g. Europe/Warsaw)");
            }
        }
        String where = file == null ? "<stdin>" : file;
        Path buffer = null;
        try {
            // tickets go to a temporary file first: constant memory on big inputs, and nothing reaches stdout
            // unless the whole input mapped
            buffer = Files.createTempFile("ticketbridge-convert-", ".ndjson");
            try (InputStream input = file == null ? in : Files.newInputStream(Path.of(file));
                 BufferedWriter w = Files.newBufferedWriter(buffer, StandardCharsets.UTF_8)) {
                convert(vendor.mapper(settings), input, w);
            }
            Files.copy(buffer, out);
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("ticketbridge convert: " + where + ": no such file");
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            err.println("ticketbridge convert: " + where + ": not valid JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (MappingException e) {
            err.println("ticketbridge convert: " + where + ": " + e.getMessage());
        } catch (IOException e) {
            err.println("ticketbridge convert: " + where + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // a mapper bug must still be one line, not a stack trace
            err.println("ticketbridge convert: " + where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (buffer != null) {
                try {
                    Files.deleteIfExists(buffer);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
        return 1;
    }

    /**
     * Maps every JSON document in the stream (one payload, or several one after another as in NDJSON) and writes
     * one canonical ticket per line; errors in a later document name its number.
     */
    static void convert(TicketMapper mapper, InputStream input, Writer out) throws IOException {
        try (JsonParser parser = TicketJson.mapper().getFactory().createParser(input);
             MappingIterator<JsonNode> docs = TicketJson.mapper().readValues(parser, JsonNode.class)) {
            int n = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                n++;
                List<Ticket> tickets;
                try {
                    tickets = mapper.map(doc);
                } catch (MappingException e) {
                    if (n == 1) throw e; // the common single-payload case names no document number
                    throw new MappingException(e.vendor(), "document " + n + " " + e.path(), e.problem());
                }
                for (Ticket t : tickets) {
                    out.write(TicketJson.write(t));
                    out.write('\n');
                }
            }
            if (n == 0) throw new MappingException("input", "$", "empty input: expected a JSON payload");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new UsageException("convert: " + option + " needs a value");
        return args[i];
    }
}
