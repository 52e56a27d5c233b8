package io.ticketbridge.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.state.StateStore.Delivery;
import io.ticketbridge.state.StateStore.Intent;
import io.ticketbridge.state.StateStore.MessageMapped;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import io.ticketbridge.state.StateStore.StatusRecorded;
import io.ticketbridge.state.StateStore.TicketMapped;
import io.ticketbridge.testing.ChildJvm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every state store must do; run against H2 and PostgreSQL. */
abstract class StateStoreContract {
    protected JdbcStateStore store;

    /** A store on an empty database. */
    protected abstract JdbcStateStore newStore();

    /** A second store on the same database (a restart). */
    protected abstract JdbcStateStore reopen();

    /** Makes the database itself refuse every delete from tb_intent (a trigger), to break a transaction midway. */
    protected abstract void refuseIntentDeletes() throws Exception;

    @BeforeEach
    void open() {
        store = newStore();
        store.start();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void forgetTicketRemovesOneTicketsMappingsIntentsAndLedgerEntriesOnly() {
        String sink = "superoffice@x";
        for (String id : List.of("7", "8")) {
            store.apply(sink, "keliweb", id, List.of(new TicketMapped("10" + id), new StatusRecorded("OPEN"),
                    new MessageMapped("m1", new MessageMapping("t1", Outcome.DELIVERED)), new Intent("message:m2")));
            store.markDelivered("migrate:keliweb->superoffice", id, new Delivery("v1", "f1"));
            store.markDelivered("migrate:keliweb->superoffice:since=2025-01-01T00:00:00Z", id, new Delivery("v1", "f1"));
        }
        store.markDelivered("migrate:keliweb->superoffice2", "7", new Delivery("v1", "f1"));

        store.forgetTicket(sink, "keliweb", "7", "migrate:keliweb->superoffice");

        assertThat(store.ticketState(sink, "keliweb", "7")).isEqualTo(new StateStore.TicketState(null, null, Map.of(), Map.of()));
        assertThat(store.delivered("migrate:keliweb->superoffice", "7")).isEmpty();
        assertThat(store.delivered("migrate:keliweb->superoffice:since=2025-01-01T00:00:00Z", "7")).isEmpty();
        assertThat(store.delivered("migrate:keliweb->superoffice2", "7")).as("another flow's key").isPresent();
        assertThat(store.targetTicket(sink, "keliweb", "8")).contains("108");
        assertThat(store.messages(sink, "keliweb", "8")).hasSize(1);
        assertThat(store.delivered("migrate:keliweb->superoffice", "8")).isPresent();
    }

    @Test
    void cursorsAreEmptyThenSavedThenReplaced() {
        assertThat(store.cursor("thulium@x#cursor")).isEmpty();
        store.saveCursor("thulium@x#cursor", "2025-01-06 08:15");
        store.saveCursor("thulium@x#cursor", "2025-01-07 09:00");
        assertThat(store.cursor("thulium@x#cursor")).contains("2025-01-07 09:00");
        assertThat(store.cursor("other")).isEmpty();
    }

    @Test
    void theLedgerKeepsTheLastDeliveredVersionPerFlowAndTicket() {
        store.markDelivered("flow-a", "12", new Delivery("v1", "f1"));
        store.markDelivered("flow-a", "12", new Delivery("v2", "f2"));
        store.markDelivered("flow-b", "12", new Delivery("v9", null));
        assertThat(store.delivered("flow-a", "12")).contains(new Delivery("v2", "f2"));
        assertThat(store.delivered("flow-b", "12")).contains(new Delivery("v9", null));
        assertThat(store.delivered("flow-a", "13")).isEmpty();
    }

    @Test
    void idMapsHoldTicketsMessagesAndStatusPerSink() {
        store.mapTicket("sink-1", "keliweb", "1", "T-100");
        store.mapMessage("sink-1", "keliweb", "1", "reply-0", new MessageMapping("M-1", Outcome.DELIVERED));
        store.mapMessage("sink-1", "keliweb", "1", "note-1", new MessageMapping(null, Outcome.SKIPPED));
        store.recordStatus("sink-1", "keliweb", "1", "PENDING");

        assertThat(store.targetTicket("sink-1", "keliweb", "1")).contains("T-100");
        assertThat(store.targetTicket("sink-2", "keliweb", "1")).isEmpty();
        assertThat(store.messages("sink-1", "keliweb", "1")).containsOnlyKeys("reply-0", "note-1")
                .containsEntry("reply-0", new MessageMapping("M-1", Outcome.DELIVERED))
                .containsEntry("note-1", new MessageMapping(null, Outcome.SKIPPED));
        assertThat(store.lastStatus("sink-1", "keliweb", "1")).contains("PENDING");
        assertThat(store.messages("sink-1", "keliweb", "2")).isEmpty();
    }

    @Test
    void statusNeedsATicketMappingAndItsIntentStays() {
        store.recordIntent("sink-1", "keliweb", "404", "status");
        assertThatThrownBy(() -> store.recordStatus("sink-1", "keliweb", "404", "OPEN"))
                .hasMessageContaining("no ticket mapping");
        assertThat(store.intents("sink-1", "keliweb", "404")).containsOnlyKeys("status");
    }

    @Test
    void intentsAreRecordedRefreshedAndClearedPerSinkAndTicket() throws Exception {
        assertThat(store.intents("s", "thulium", "1")).isEmpty();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.recordIntent("s", "thulium", "1", "ticket");
        store.recordIntent("s", "thulium", "1", "message:m1");
        store.recordIntent("other-sink", "thulium", "1", "ticket");
        store.recordIntent("s", "keliweb", "1", "ticket");
        Instant first = store.intents("s", "thulium", "1").get("ticket");
        assertThat(first).isBetween(before, Instant.now());
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("ticket", "message:m1");

        Thread.sleep(5);
        store.recordIntent("s", "thulium", "1", "ticket"); // sent again: the same intent, recorded anew
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("ticket", "message:m1");
        assertThat(store.intents("s", "thulium", "1").get("ticket")).isAfter(first);

        store.clearIntent("s", "thulium", "1", "ticket");
        store.clearIntent("s", "thulium", "1", "status"); // never recorded: nothing to do
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("message:m1");
        assertThat(store.intents("other-sink", "thulium", "1")).containsOnlyKeys("ticket");
        assertThat(store.intents("s", "keliweb", "1")).containsOnlyKeys("ticket");
    }

    @Test
    void eachMappingWriteRemovesItsOwnIntent() {
        store.recordIntent("s", "thulium", "1", "ticket");
        store.recordIntent("s", "thulium", "1", "message:m1");
        store.recordIntent("s", "thulium", "1", "message:m2");
        store.recordIntent("s", "thulium", "1", "status");
        store.recordIntent("other-sink", "thulium", "1", "ticket");

        store.mapTicket("s", "thulium", "1", "T-1");
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("message:m1", "message:m2", "status");
        store.mapMessage("s", "thulium", "1", "m1", new MessageMapping("M-1", Outcome.DELIVERED));
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("message:m2", "status");
        store.mapMessage("s", "thulium", "1", "m2", new MessageMapping(null, Outcome.SKIPPED));
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("status");
        store.recordStatus("s", "thulium", "1", "OPEN");
        assertThat(store.intents("s", "thulium", "1")).isEmpty();
        assertThat(store.intents("other-sink", "thulium", "1")).containsOnlyKeys("ticket");
    }

    @Test
    void aUnitOfChangesMapsClearsAndAnnouncesInOneTransaction() {
        store.apply("s", "thulium", "1", List.of(new Intent("ticket"), new Intent("message:m1")));
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("ticket", "message:m1");

        store.apply("s", "thulium", "1", List.of(new TicketMapped("T-1"),
                new MessageMapped("m1", new MessageMapping("M-1", Outcome.DELIVERED)), new Intent("message:m2")));
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("message:m2");
        store.apply("s", "thulium", "1", List.of(new MessageMapped("m2", new MessageMapping(null, Outcome.SKIPPED)),
                new StatusRecorded("OPEN")));

        StateStore.TicketState state = store.ticketState("s", "thulium", "1");
        assertThat(state).isEqualTo(new StateStore.TicketState("T-1", "OPEN", store.messages("s", "thulium", "1"), Map.of()));
        assertThat(state.messages()).containsOnlyKeys("m1", "m2")
                .containsEntry("m1", new MessageMapping("M-1", Outcome.DELIVERED));
        assertThat(store.ticketState("s", "thulium", "2")).isEqualTo(new StateStore.TicketState(null, null, Map.of(), Map.of()));
    }

    @Test
    void aUnitOfChangesWithOneFailingChangeWritesNone() {
        store.recordIntent("s", "thulium", "404", "message:m1");
        assertThatThrownBy(() -> store.apply("s", "thulium", "404", List.of(
                new MessageMapped("m1", new MessageMapping("M-1", Outcome.DELIVERED)), new Intent("message:m2"),
                new StatusRecorded("OPEN")))) // no ticket mapping: the status cannot be recorded
                .hasMessageContaining("no ticket mapping");
        assertThat(store.messages("s", "thulium", "404")).isEmpty();
        assertThat(store.intents("s", "thulium", "404")).containsOnlyKeys("message:m1");
    }

    @Test
    void aMappingIsNotWrittenWhenItsIntentCannotBeRemoved() throws Exception {
        store.mapTicket("s", "thulium", "1", "T-1");
        store.recordIntent("s", "thulium", "1", "message:m1");
        store.recordIntent("s", "thulium", "1", "status");
        store.recordIntent("s", "thulium", "2", "ticket");
        refuseIntentDeletes();

        assertThatThrownBy(() -> store.mapMessage("s", "thulium", "1", "m1", new MessageMapping("M-1", Outcome.DELIVERED)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.recordStatus("s", "thulium", "1", "OPEN")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.mapTicket("s", "thulium", "2", "T-2")).isInstanceOf(IllegalStateException.class);

        assertThat(store.messages("s", "thulium", "1")).isEmpty();
        assertThat(store.lastStatus("s", "thulium", "1")).isEmpty();
        assertThat(store.targetTicket("s", "thulium", "2")).isEmpty();
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("message:m1", "status");
        assertThat(store.intents("s", "thulium", "2")).containsOnlyKeys("ticket");
    }

    @Test
    void aTargetTicketIsTracedBackToItsSourceTicketInThatSink() {
        store.mapTicket("s", "thulium", "1", "T-1");
        store.mapTicket("s", "thulium", "2", "T-2");
        store.mapTicket("other-sink", "thulium", "3", "T-1");
        assertThat(store.sourceOfTarget("s", "thulium", "T-1")).contains("1");
        assertThat(store.sourceOfTarget("s", "thulium", "T-2")).contains("2");
        assertThat(store.sourceOfTarget("other-sink", "thulium", "T-1")).contains("3");
        assertThat(store.sourceOfTarget("s", "thulium", "T-9")).isEmpty();
        assertThat(store.sourceOfTarget("s", "keliweb", "T-1")).isEmpty();
        store.mapTicket("s", "thulium", "2", "T-9"); // remapped: T-2 belongs to nobody now
        assertThat(store.sourceOfTarget("s", "thulium", "T-2")).isEmpty();
        assertThat(store.sourceOfTarget("s", "thulium", "T-9")).contains("2");
    }

    @Test
    void anOpenIntentOfAStepIsFoundAcrossTheSinksTicketsUntilItsMappingConfirmsIt() {
        assertThat(store.hasIntent("mirror", "ticket")).isFalse();
        store.recordIntent("mirror", "superoffice", "7", "message:m1");
        assertThat(store.hasIntent("mirror", "ticket")).as("another step").isFalse();
        store.recordIntent("other-sink", "superoffice", "8", "ticket");
        assertThat(store.hasIntent("mirror", "ticket")).as("another sink").isFalse();
        store.recordIntent("mirror", "superoffice", "9", "ticket");
        assertThat(store.hasIntent("mirror", "ticket")).isTrue();
        assertThat(store.hasIntent("mirror", "message:m1")).isTrue();
        store.mapTicket("mirror", "superoffice", "9", "P-9");
        assertThat(store.hasIntent("mirror", "ticket")).isFalse();
        assertThat(store.hasIntent("other-sink", "ticket")).isTrue();
    }

    @Test
    void everythingSurvivesARestart() {
        store.saveCursor("k", "c1");
        store.markDelivered("f", "1", new Delivery("v", "fp"));
        store.mapTicket("s", "thulium", "1", "99");
        store.mapMessage("s", "thulium", "1", "m1", new MessageMapping("500", Outcome.DELIVERED));
        store.close();

        store = reopen();
        store.start();
        assertThat(store.cursor("k")).contains("c1");
        assertThat(store.delivered("f", "1")).contains(new Delivery("v", "fp"));
        assertThat(store.targetTicket("s", "thulium", "1")).contains("99");
        assertThat(store.messages("s", "thulium", "1")).containsEntry("m1", new MessageMapping("500", Outcome.DELIVERED));
    }

    @Test
    void everyWriteIsThereAfterTheJvmIsHaltedRightAfterIt() throws Exception {
        int n = 20;
        // the child also writes intents: confirmed ones (step recorded, then mapped), a pending one, a cleared one
        store.close(); // an H2 file is open in one process at a time
        ChildJvm.Ended child = ChildJvm.run(WritesThenHalts.class, store.getUrl(), store.getUsername(), String.valueOf(n));
        assertThat(child.output()).as("the writing JVM wrote everything before it was halted").contains("WRITTEN");
        assertThat(child.exitCode()).as("halted, not exited; it said:%n%s", child.output()).isEqualTo(9);

        store = reopen();
        store.start();
        String sink = WritesThenHalts.SINK, system = WritesThenHalts.SYSTEM;
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String t = "t" + i;
            if (store.cursor("crash#cursor-" + i).isEmpty()) lost.add("cursor " + i);
            if (store.delivered("crash-flow", t).isEmpty()) lost.add("ledger " + t);
            if (!store.targetTicket(sink, system, t).equals(Optional.of("T" + i))) lost.add("ticket map " + t);
            if (!store.messages(sink, system, t).containsKey("m" + i)) lost.add("message map " + t);
            if (store.lastStatus(sink, system, t).isEmpty()) lost.add("status " + t);
            if (!store.intents(sink, system, t).isEmpty()) lost.add("intents confirmed by the maps of " + t);
            if (!store.intents(sink, system, "pending" + i).containsKey("ticket")) lost.add("intent pending" + i);
            if (!store.intents(sink, system, "cleared" + i).isEmpty()) lost.add("clearing of intent cleared" + i);
            StateStore.TicketState unit = store.ticketState(sink, system, "u" + i);
            if (!unit.equals(new StateStore.TicketState("U" + i, "OPEN", Map.of("a", new MessageMapping("A" + i, Outcome.DELIVERED),
                    "b", new MessageMapping("B" + i, Outcome.DELIVERED)), Map.of()))) lost.add("unit of changes u" + i + ": " + unit);
        }
        assertThat(lost.size()).as("%d of %d writes lost after the halt, first %s", lost.size(), 9 * n,
                lost.subList(0, Math.min(5, lost.size()))).isZero();
    }

    @Test
    void migrationsRunOnceAndRecordTheirVersion() throws Exception {
        store.close();
        store = reopen();
        store.start(); // a second start must not re-apply V1 (CREATE TABLE would fail)
        try (var c = store.dataSource().getConnection()) {
            assertThat(Migrations.current(c)).isEqualTo(Migrations.latest());
        }
    }

    @Test
    void aVersion1StoreIsUpgradedKeepingWhatItHolds() throws Exception {
        store.mapTicket("s", "thulium", "1", "T-1");
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) { // back to what V1 left
            st.execute("DROP INDEX tb_ticket_map_by_target");
            st.execute("DROP TABLE tb_intent");
            st.execute("DROP TABLE tb_webhook_inbox");
            st.execute("DELETE FROM tb_schema_version WHERE version > 1");
        }
        store.close();
        store = reopen();
        store.start();
        assertThat(store.targetTicket("s", "thulium", "1")).contains("T-1");
        assertThat(store.sourceOfTarget("s", "thulium", "T-1")).contains("1");
        store.recordIntent("s", "thulium", "1", "status");
        assertThat(store.intents("s", "thulium", "1")).containsOnlyKeys("status");
        try (var c = store.dataSource().getConnection()) {
            assertThat(Migrations.current(c)).isEqualTo(Migrations.latest());
        }
    }

    @Test
    void aWebhookChangeIsRecordedOnceWhateverItsEventIdAndStaysPendingUntilFinished() {
        assertThat(store.recordWebhookEvent("hooks", "105", "2026-12-03T10:00:00", "ev-1", "{\"a\":1}")).isTrue();
        assertThat(store.recordWebhookEvent("hooks", "105", "2026-12-03T10:00:00", "ev-2", "{\"a\":2}")).as("re-sent, new EventId").isFalse();
        assertThat(store.recordWebhookEvent("hooks", "105", "2026-12-03T10:00:05", "ev-3", "{}")).as("a later change").isTrue();
        assertThat(store.recordWebhookEvent("other-flow", "105", "2026-12-03T10:00:00", "ev-1", "{}")).isTrue();
        List<StateStore.WebhookEvent> pending = store.pendingWebhookEvents("hooks", 10);
        assertThat(pending).extracting(StateStore.WebhookEvent::changeMarker).containsExactly("2026-12-03T10:00:00", "2026-12-03T10:00:05");
        assertThat(pending.get(0).payload()).isEqualTo("{\"a\":1}");
        assertThat(pending.get(0).eventId()).isEqualTo("ev-1");
        store.finishWebhookEvent(pending.get(0).id(), false);
        store.finishWebhookEvent(pending.get(1).id(), true);
        assertThat(store.pendingWebhookEvents("hooks", 10)).isEmpty();
        assertThat(store.recordWebhookEvent("hooks", "105", "2026-12-03T10:00:00", "ev-4", "{}")).as("done is remembered").isFalse();
        assertThat(store.pruneWebhookEvents("hooks", java.time.Instant.now().plusSeconds(1))).isEqualTo(2);
        assertThat(store.recordWebhookEvent("hooks", "105", "2026-12-03T10:00:00", "ev-5", "{}")).as("pruned: forgotten").isTrue();
    }

    @Test
    void aStoreNewerThanThisBuildIsRefused() throws Exception {
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO tb_schema_version (version, script, applied_at) VALUES (99, 'V99__future.sql', CURRENT_TIMESTAMP)");
        }
        store.close();
        store = reopen();
        assertThatThrownBy(store::start).hasMessageContaining("schema version 99");
    }

    @Test
    void concurrentUpsertsOfTheSameKeyAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                writes.add(() -> {
                    store.markDelivered("flow", "same", new Delivery("v" + n, null));
                    store.mapMessage("s", "x", "1", "m" + n, new MessageMapping("t" + n, Outcome.DELIVERED));
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(writes)) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(store.delivered("flow", "same")).isPresent();
        assertThat(store.messages("s", "x", "1")).hasSize(40);
    }
}
