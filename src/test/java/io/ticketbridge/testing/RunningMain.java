package io.ticketbridge.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;

/**
 * A Camel Main running on its own thread, as {@code java -jar} would run it. {@link #check()} surfaces a start-up
 * failure at once; {@link #close()} waits until Camel has stopped, so its Quartz scheduler is gone before the next
 * test starts one.
 */
public final class RunningMain implements AutoCloseable {
    private final Main main;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<?> running;

    private RunningMain(Main main) {
        this.main = main;
        this.running = thread.submit(() -> {
            main.run();
            return null;
        });
    }

    public static RunningMain start(Main main) {
        return new RunningMain(main);
    }

    public Main main() {
        return main;
    }

    /** Throws what made Camel Main end early; true otherwise (for use inside awaitility conditions). */
    public boolean check() throws Exception {
        if (running.isDone()) running.get();
        return true;
    }

    @Override
    public void close() throws Exception {
        main.completed();
        try {
            running.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }
}
