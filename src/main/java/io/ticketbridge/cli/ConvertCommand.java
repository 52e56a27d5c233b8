package io.ticketbridge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.PayloadStream;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convert --from VENDOR [--time-zone ZONE] [FILE]}: vendor payload → canonical JSON lines. The input may
 * hold several payloads one after another (e.g. NDJSON). All tickets are mapped before anything is printed, so bad
 * input leaves stdout empty: one line on stderr names what is wrong and where, exit code 1.
 */
@Command(name = "convert", description = "map a vendor get-ticket payload (FILE or stdin; several may follow each "
        + "other) to canonical JSON, one ticket per line")
public final class ConvertCommand implements Callable<Integer> {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    @Option(names = "--from", paramLabel = "VENDOR", required = true, completionCandidates = VendorIds.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    Connector vendor;
    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "the zone naive vendor timestamps are read in (default: the vendor's)")
    ZoneId zone;
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the payload file (default: stdin)")
    Path file;
    @Mixin
    CommandLineProperties properties;
    @Mixin
    UsageHelp help;

    public ConvertCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        MapperSettings settings = MapperSettings.defaults(vendor);
        if (zone != null) settings = settings.withTimeZone(zone);
        String where = file == null ? "<stdin>" : file.toString();
        Path buffer = null;
        try {
            // tickets go to a temporary file first: constant memory on big inputs, and nothing reaches stdout
            // unless the whole input mapped
            buffer = Files.createTempFile("ticketbridge-convert-", ".ndjson");
            try (InputStream input = file == null ? in : Files.newInputStream(file);
                 BufferedWriter w = Files.newBufferedWriter(buffer, StandardCharsets.UTF_8)) {
                convert(vendor.mapper(settings), input, w);
            }
            Files.copy(buffer, out);
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("ticketbridge convert: " + where + ": no such file");
        } catch (JsonProcessingException e) {
            err.println("ticketbridge convert: " + where + ": " + PayloadStream.describe(e));
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

    /** Maps every payload of the stream and writes one canonical ticket per line. */
    static void convert(TicketMapper mapper, InputStream input, Writer out) throws IOException {
        PayloadStream.mapAll(mapper, input, t -> {
            out.write(TicketJson.write(t));
            out.write('\n');
        });
    }

    /** The vendor ids, for the usage of --from. */
    static final class VendorIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Connectors.all().stream().map(Connector::id).iterator();
        }
    }
}
