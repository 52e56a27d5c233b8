package io.ticketbridge.connector;

import java.time.ZoneId;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link Connector} from its parts, what each vendor's {@code <V>Connector} names: its id, default zone, mapper,
 * source and sink (null for a read-only vendor).
 */
public abstract class DefaultConnector implements Connector {
    private final String id;
    private final ZoneId defaultTimeZone;
    private final Function<MapperSettings, TicketMapper> mapper;
    private final Supplier<? extends VendorSource> source;
    private final Supplier<? extends VendorSink> sink;

    protected DefaultConnector(String id, ZoneId defaultTimeZone, Function<MapperSettings, TicketMapper> mapper,
                               Supplier<? extends VendorSource> source, Supplier<? extends VendorSink> sink) {
        this.id = id;
        this.defaultTimeZone = defaultTimeZone;
        this.mapper = mapper;
        this.source = source;
        this.sink = sink;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final ZoneId defaultTimeZone() {
        return defaultTimeZone;
    }

    @Override
    public final TicketMapper mapper(MapperSettings settings) {
        return mapper.apply(settings);
    }

    @Override
    public final VendorSource newSource() {
        return source.get();
    }

    @Override
    public final VendorSink newSink() {
        return sink == null ? null : sink.get();
    }
}
