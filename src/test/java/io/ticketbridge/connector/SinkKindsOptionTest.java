package io.ticketbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.BodyFormat;
import org.junit.jupiter.api.Test;

/** A sink's {@code kinds}: what it writes, read case-insensitively; a wrong value is refused naming it and the choices. */
class SinkKindsOptionTest {

    @Test
    void onlyTheListedKindsAreWrittenAndABadKindIsNamed() {
        VendorSink sink = Connectors.get("plusofon").newSink();
        assertThat(sink.getKinds()).isEqualTo("CUSTOMER,AGENT,NOTE,SYSTEM");
        sink.setKinds(" agent , customer");
        assertThat(sink.getKinds()).isEqualTo("CUSTOMER,AGENT");
        assertThat(sink.adapt(message(MessageKind.NOTE))).as("a note stays out").isNull();
        assertThat(sink.adapt(message(MessageKind.AGENT)).body()).as("an agent reply, marked").startsWith("[Agent reply").endsWith("hello");

        assertThatThrownBy(() -> sink.setKinds("CUSTOMER,CHAT")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plusofon sink: kinds: 'CHAT' is not one of [CUSTOMER, AGENT, NOTE, SYSTEM]");
        assertThatThrownBy(() -> sink.setKinds(" , ")).hasMessageContaining("at least one");
        assertThat(sink.getKinds()).as("unchanged by a refused value").isEqualTo("CUSTOMER,AGENT");
    }

    private static Message message(MessageKind kind) {
        return new Message("m1", kind, null, "hello", BodyFormat.TEXT, null, java.util.List.of());
    }
}
