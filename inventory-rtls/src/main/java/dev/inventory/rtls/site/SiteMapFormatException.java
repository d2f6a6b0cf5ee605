package dev.inventory.rtls.site;

import java.io.IOException;

/**
 * A site map file is malformed: the message names the source, the line and the field. Distinct from other
 * {@link IOException}s (the file cannot be read) so callers can tell bad content from I/O failure. Immutable.
 */
public final class SiteMapFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String field;

    /**
     * @param source     file name or other description of the input.
     * @param lineNumber 1-based line, or 0 if the problem is not on one line.
     * @param field      column name, or null.
     * @param problem    what is wrong.
     */
    public SiteMapFormatException(final String source, final int lineNumber, final String field, final String problem)
    {
        super(source + (lineNumber > 0 ? " line " + lineNumber : "") + (field != null ? ", field " + field : "") +
            ": " + problem);
        this.lineNumber = lineNumber;
        this.field = field;
    }

    /** @return 1-based line number, or 0 if the problem is not on one line. */
    public int lineNumber()
    {
        return lineNumber;
    }

    /** @return the column name, or null. */
    public String field()
    {
        return field;
    }
}
