package io.ticketbridge.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;

/**
 * {@code -h, --help} on every command (a picocli mixin), and what every usage shows: the options in the order they
 * are declared (the command's own first, the shared ones last), then the footer.
 */
@Command(sortOptions = false, footer = {"",
        "Configuration keys: -Dkey=value or --property key=value, before or after the command, set a key as a JVM "
                + "system property would (the same as java -Dkey=value -jar ticketbridge.jar).",
        "Exit codes: 0 ok, 1 bad input or failure, 2 bad usage."})
public final class UsageHelp {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this usage and exit")
    boolean requested;

    /** Adds each command's own options to the usage of {@code cli} (its subcommands must be present). */
    public static void listEveryCommandsOptions(CommandLine cli) {
        cli.getHelpSectionMap().put("everyCommand", UsageHelp::everyCommandsOptions);
        List<String> sections = new ArrayList<>(cli.getHelpSectionKeys());
        sections.add(sections.indexOf(UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, "everyCommand");
        cli.setHelpSectionKeys(sections);
    }

    /** --help alone also lists each command's own options: one screen documents everything. */
    private static String everyCommandsOptions(Help help) {
        StringBuilder sb = new StringBuilder(String.format("%nThe options of each command (COMMAND --help shows one):%n"));
        help.subcommands().forEach((name, sub) -> {
            CommandSpec spec = sub.commandSpec();
            List<OptionSpec> shared = spec.mixins().values().stream()
                    .filter(m -> m.userObject() instanceof UsageHelp || m.userObject() instanceof CommandLineProperties)
                    .flatMap(m -> m.options().stream()).toList();
            List<OptionSpec> own = spec.options().stream().filter(o -> !shared.contains(o)).toList();
            if (spec.helpCommand() || own.isEmpty() && spec.positionalParameters().isEmpty()) return;
            sb.append(System.lineSeparator()).append(sub.synopsis(0))
                    .append(sub.parameterList()).append(sub.optionListExcludingGroups(own));
        });
        return sb.toString();
    }
}
