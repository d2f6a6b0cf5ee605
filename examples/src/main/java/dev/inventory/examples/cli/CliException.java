package dev.inventory.examples.cli;

/**
 * A failure the CLI reports as one clear line on stderr (no stack trace), with an exit code. Immutable.
 */
final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(final String message)
    {
        this(message, null);
    }

    CliException(final String message, final Throwable cause)
    {
        super(message, cause);
        this.exitCode = InventoryCli.EXIT_FAILURE;
    }

    int exitCode()
    {
        return exitCode;
    }
}
