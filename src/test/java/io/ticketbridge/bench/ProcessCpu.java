package io.ticketbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's CPU at one instant: the whole process (every thread, JIT compiler and GC included) and, read from
 * {@code /proc/self/task} on Linux, what the JIT compiler threads and the GC threads (with the VM thread, which runs
 * the collections' safepoints) spent of it. The compilation MXBean's time is not used: it counts elapsed time per
 * compiler thread and exceeds the CPU on a busy machine. Two snapshots give what a run cost.
 */
record ProcessCpu(long wallNanos, long cpuNanos, long jitNanos, long gcNanos) {
    /** Linux's USER_HZ: /proc times are in 1/100 s. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static ProcessCpu now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jit = 0, gc = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name, stat;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                // fields after the ")" that closes the name: state is field 3, utime 14, stime 15
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
                if (name.contains("CompilerThre")) jit += nanos;
                else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) gc += nanos;
            }
        } catch (IOException | RuntimeException e) {
            jit = gc = -1; // not Linux: the split is unknown, the total still holds
        }
        return new ProcessCpu(System.nanoTime(), os.getProcessCpuTime(), jit, gc);
    }

    /**
     * One {@code RESULT key=value ...} line for the benchmark driver: what happened since {@code start}, and when the
     * work was done ({@code endedAt}, so the driver can time it from the simulator's first received call instead).
     */
    String resultSince(ProcessCpu start, int tickets, long ownKeliwebCalls) {
        return String.format(java.util.Locale.ROOT, "RESULT tickets=%d seconds=%.3f cpuMs=%d jitMs=%d gcMs=%d ownKeliwebCalls=%d endedAt=%s",
                tickets, (wallNanos - start.wallNanos) / 1e9, (cpuNanos - start.cpuNanos) / 1_000_000,
                jitNanos < 0 ? -1 : (jitNanos - start.jitNanos) / 1_000_000, gcNanos < 0 ? -1 : (gcNanos - start.gcNanos) / 1_000_000,
                ownKeliwebCalls, java.time.Instant.now());
    }
}
