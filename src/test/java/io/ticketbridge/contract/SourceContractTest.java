package io.ticketbridge.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.VendorSimulator;
import io.ticketbridge.testing.VendorBed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The read side of every registered vendor against its simulator, over real HTTP: the seed stories read as their
 * stories tell, and every failure is one clear {@link VendorCallException} (or a refusal before any request).
 */
class SourceContractTest {


    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void everySeedStoryIsListedFetchedAndMappedAsItsStoryTells(String vendor) throws Exception {
        ContractFixture fixture = ContractFixture.of(vendor);
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor).with("pageSize", 7)) {
            VendorSource source = bed.source();
            List<String> ids = source.poll(bed.exchange(null)).stream().map(VendorSource.Change::ticketId).toList();
            assertThat(ids).hasSize(SeedStories.COUNT).doesNotHaveDuplicates();
            Map<String, Ticket> bySubject = new java.util.HashMap<>();
            for (String id : ids) {
                Exchange ex = bed.exchange(id);
                ex.getIn().setBody(source.fetch(ex));
                assertThat(ex.getIn().getHeader(VendorSource.HEADER_SYSTEM)).isEqualTo(vendor);
                assertThat(ex.getIn().getHeader(VendorSource.HEADER_TICKET_ID)).isEqualTo(id);
                Ticket t = source.map(ex);
                assertThat(t.source().system()).isEqualTo(vendor);
                assertThat(t.source().ticketId()).isEqualTo(id);
                assertThat(t.source().url()).startsWith(bed.server.baseUrl());
                bySubject.put(t.subject(), t);
            }
            for (SeedStories.Story story : SeedStories.all()) {
                String why = vendor + " story " + story.number();
                Ticket t = bySubject.get(story.subject());
                assertThat(t).as(why).isNotNull();
                assertThat(t.status()).as(why).isEqualTo(fixture.status(story));
                assertThat(t.requester().email()).as(why).isEqualTo(story.requester().email());
                assertThat(t.createdAt()).as(why).isEqualTo(story.createdAt());
                List<SeedStories.StoryMessage> held = fixture.heldMessages(story);
                List<Message> got = fixture.storyMessages(t);
                assertThat(got).as(why).hasSameSizeAs(held);
                for (int i = 0; i < held.size(); i++) {
                    SeedStories.StoryMessage sm = held.get(i);
                    Message m = got.get(i);
                    String what = why + " message " + i;
                    assertThat(m.kind()).as(what).isEqualTo(sm.kind());
                    assertThat(m.body()).as(what).isEqualTo(sm.body());
                    assertThat(m.bodyFormat()).as(what).isEqualTo(sm.html() ? BodyFormat.HTML : BodyFormat.TEXT);
                    assertThat(m.createdAt()).as(what).isEqualTo(sm.at());
                    assertThat(m.attachments()).extracting(Attachment::fileName).as(what)
                            .containsExactlyElementsOf(sm.attachments().stream().map(SeedStories.StoryAttachment::fileName).toList());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void wrongCredentialsAreOneClearNonTransientErrorWithoutTheSecret(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            Map<String, String> wrong = ContractFixture.of(vendor).wrongCredentials(bed.settings());
            VendorSource source = bed.source(wrong);
            Set<String> secrets = bed.settings().entrySet().stream()
                    .filter(e -> ContractFixture.SECRET.matcher(e.getKey()).matches()).map(Map.Entry::getValue)
                    .collect(Collectors.toSet());
            assertThat(secrets).as("the simulator's credentials name a secret").isNotEmpty();
            assertThatThrownBy(() -> source.poll(bed.exchange(null)))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.transient_()).as(e.getMessage()).isFalse();
                        assertThat(e.getMessage()).startsWith(vendor + ": ").doesNotContain("hunter2").doesNotContain("\n");
                        secrets.forEach(s -> assertThat(e.getMessage()).doesNotContain(s));
                    });
            assertThat(source.toString()).doesNotContain("hunter2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void aMissingTicketIsANonTransientVendorCallException(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            String missing = ContractFixture.of(vendor).missingTicketId();
            assertThatThrownBy(() -> bed.read(missing))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.transient_()).as(e.getMessage()).isFalse();
                        assertThat(e.getMessage()).startsWith(vendor + ": ").doesNotContain("\n");
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void unsafeTicketIdsNeverReachTheVendor(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            VendorSource source = bed.source();
            for (String unsafe : List.of("1&ticketnum=2", "1001/../../webhooks", "1?x=1", "1 2", "")) {
                assertThatThrownBy(() -> source.fetch(bed.exchange(unsafe))).as("'%s'", unsafe)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(bed.server.stats().requests()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void serverErrorsAndThrottlingOutlivingTheRetriesAreTransient(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor).with("maxAttempts", 2)) {
            VendorSource source = bed.source();
            String id = source.poll(bed.exchange(null)).get(0).ticketId(); // logged in: the faults hit the API
            bed.server.faults(new Faults(0, 1.0, 503, 0, 1, 0, 0, 3));
            assertThatThrownBy(() -> source.fetch(bed.exchange(id)))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.transient_()).isTrue();
                    });
            bed.server.faults(new Faults(0, 0, 503, 1.0, 1, 0, 0, 3));
            assertThatThrownBy(() -> source.fetch(bed.exchange(id)))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.retryAfter()).isEqualTo("1");
                        assertThat(e.transient_()).isTrue();
                    });
        }
    }

    /** A body cut short is never a ticket: a transient call failure, or a mapping error at the root. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void aTruncatedAnswerIsNeverATicket(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor).with("maxAttempts", 1)) {
            VendorSource source = bed.source();
            String id = source.poll(bed.exchange(null)).get(0).ticketId();
            bed.server.faults(new Faults(0, 0, 503, 0, 1, 1.0, 0, 3));
            assertThatThrownBy(() -> bed.read(source, id)).satisfiesAnyOf(
                    e -> assertThat(e).isInstanceOfSatisfying(VendorCallException.class, v -> assertThat(v.transient_()).isTrue()),
                    e -> assertThat(e).isInstanceOf(MappingException.class).hasMessageStartingWith(vendor + " payload at $"));
        }
    }

    /** 10 % 503, 5 % 429 (Retry-After 1 s), 5 % dropped connections: every ticket read, with its attachment bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void throughFaultsEveryTicketIsReadWithItsAttachmentsOnce(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor).with("maxAttempts", 8)) {
            VendorSource source = bed.source();
            bed.server.faults(new Faults(0, 0.1, 503, 0.05, 1, 0, 0.05, 20250601));
            List<Ticket> tickets = bed.poll(source);
            assertThat(tickets).hasSize(SeedStories.COUNT);
            assertThat(tickets.stream().flatMap(t -> t.messages().stream()).flatMap(m -> m.attachments().stream()))
                    .isNotEmpty().allSatisfy(a -> assertThat(a.content()).as(a.fileName()).isNotNull());
            assertThat(bed.poll(source)).isEmpty();
            var stats = bed.server.stats();
            assertThat(stats.errors() + stats.throttles() + stats.drops()).as("faults were served and retried").isGreaterThan(3);
        }
    }
}
