package io.ticketbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** What bad usage prints (exit code 2): one line with the command, what is wrong, and where its usage is. */
public final class BadUsage {
    private static final String PROGRAM = "java -jar ticketbridge.jar";

    private BadUsage() {
    }

    /** E.g. {@code ticketbridge sandbox: --port-base needs a number, got 'abc'; see '... sandbox --help'}. */
    public static String line(ParameterException e) {
        CommandLine at = e.getCommandLine();
        String problem = e.getMessage();
        if (e.getCause() instanceof TypeConversionException t && e.getArgSpec() instanceof OptionSpec o) {
            problem = o.longestName() + " " + t.getMessage(); // OptionTypes' messages read after the option's name
        } else if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            boolean top = at.getParent() == null;
            problem = arg.startsWith("-") ? "unknown option '" + arg + "'"
                    + (top && !arg.startsWith("--") ? " (JVM options such as -Xmx go before -jar: java -Xmx1g -jar ticketbridge.jar)" : "")
                    : (top ? "unknown command '" : "unexpected argument '") + arg + "'";
        }
        String command = at.getCommandSpec().qualifiedName();
        return command + ": " + Character.toLowerCase(problem.charAt(0)) + problem.substring(1).replaceFirst("\\.$", "")
                + "; see '" + PROGRAM + command.substring("ticketbridge".length()) + " --help'";
    }
}
