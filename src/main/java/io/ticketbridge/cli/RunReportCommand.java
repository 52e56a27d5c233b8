package io.ticketbridge.cli;

import io.ticketbridge.migrate.RunRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What {@code migrate verify} and {@code migrate undo} share: a finished run's {@code --report DIR}, read back. */
abstract class RunReportCommand implements Callable<Integer> {
    @Option(names = "--report", required = true, paramLabel = "DIR", description = "the directory a migrate --report wrote")
    Path report;
    @Mixin
    ConfigOption config;
    @Mixin
    CommandLineProperties properties;
    @Mixin
    UsageHelp help;
    @Spec
    CommandSpec spec;

    /** The run in report.json; a missing or unreadable report, a dry run's or a missing --config is bad usage. */
    RunRecord run() {
        if (config.file != null && !Files.isRegularFile(config.file)) throw bad("--config " + config.file + ": no such file");
        RunRecord run;
        try {
            run = RunRecord.read(report);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        if (run.dryRun()) throw bad("--report " + report + " is a dry run's: it wrote nothing to " + run.target());
        return run;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The problem line a failure prints (exit 1). */
    int failed(Exception e) {
        err().println(spec.qualifiedName() + ": " + RunCommand.rootMessage(e));
        return 1;
    }

    ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
