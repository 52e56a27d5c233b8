package io.ticketbridge.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.vendor.MapperSettings;
import io.ticketbridge.vendor.MappingException;
import io.ticketbridge.vendor.TicketMapper;
import io.ticketbridge.vendor.Vendor;
import io.ticketbridge.vendor.Vendors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
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
        try {
            List<Ticket> tickets = convert(vendor.mapper(settings), file == null ? in : Files.newInputStream(Path.of(file)), where);
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            for (Ticket t : tickets) {
                w.write(TicketJson.write(t));
                w.write('\n');
            }
            w.flush();
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
        }
        return 1;
    }

    /** Reads every JSON document in the stream and maps each; the document index is named on errors. */
    static List<Ticket> convert(TicketMapper mapper, InputStream input, String where) throws IOException {
        List<Ticket> tickets = new ArrayList<>();
        try (input; JsonParser parser = TicketJson.mapper().getFactory().createParser(input);
             MappingIterator<JsonNode> docs = TicketJson.mapper().readValues(parser, JsonNode.class)) {
            int n = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                n++;
                try {
                    tickets.addAll(mapper.map(doc));
                } catch (MappingException e) {
                    if (n == 1) throw e; // the common single-payload case names no document number
                    throw new MappingException(e.vendor(), "document " + n + " " + e.path(), e.problem());
                }
            }
            if (n == 0) throw new MappingException("input", "$", "empty input: expected a JSON payload");
        }
        return tickets;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) throw new UsageException("convert: " + option + " needs a value");
        return args[i];
    }
}
