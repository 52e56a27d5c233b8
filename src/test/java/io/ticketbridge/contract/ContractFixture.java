package io.ticketbridge.contract;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.sandbox.SeedStories;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a vendor's connector does differently from what the contract suites expect of every vendor; only what
 * differs is overridden. Found by name next to the connector's tests: connector {@code …keliweb.KeliwebConnector}
 * → {@code …keliweb.KeliwebContractFixture}; a vendor without one gets these defaults, so a new vendor is under
 * contract from its first line.
 */
public interface ContractFixture {
    Pattern SECRET = Pattern.compile("(?i).*(password|secret|token).*");

    /** For {@code @MethodSource}: every registered vendor. */
    String VENDORS = "io.ticketbridge.contract.ContractFixture#vendors";

    /** Every registered vendor's id: what the contract suites run over. */
    static Stream<String> vendors() {
        return Connectors.all().stream().map(Connector::id);
    }

    static ContractFixture of(String vendorId) {
        Connector v = Connectors.get(vendorId);
        String name = v.getClass().getName().replaceAll("Connector$", "") + "ContractFixture";
        try {
            var constructor = Class.forName(name).getDeclaredConstructor();
            constructor.setAccessible(true); // package-private, next to the vendor's own tests
            return (ContractFixture) constructor.newInstance();
        } catch (ClassNotFoundException e) {
            return new ContractFixture() { };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + ": " + (e instanceof InvocationTargetException i ? i.getCause() : e), e);
        }
    }

    /** The canonical status a seed story reads back as (a vendor with a coarser vocabulary folds some). */
    default Status status(SeedStories.Story story) {
        return story.status();
    }

    /** The story's messages the vendor holds (a customer-side API has no internal notes). */
    default List<SeedStories.StoryMessage> heldMessages(SeedStories.Story story) {
        return story.messages();
    }

    /** The ticket's messages that stand for the story's own (without any log the vendor adds). */
    default List<Message> storyMessages(Ticket ticket) {
        return ticket.messages();
    }

    /** The settings with every secret wrong. */
    default Map<String, String> wrongCredentials(Map<String, String> settings) {
        Map<String, String> wrong = new LinkedHashMap<>(settings);
        wrong.replaceAll((k, v) -> SECRET.matcher(k).matches() ? "hunter2-wrong" : v);
        return wrong;
    }

    /** A well-formed ticket id the seeded simulator does not hold. */
    default String missingTicketId() {
        return "999999";
    }

    /** Whether the target keeps the ticket's requester (a customer-side API files every ticket under its account). */
    default boolean keepsRequester() {
        return true;
    }
}
