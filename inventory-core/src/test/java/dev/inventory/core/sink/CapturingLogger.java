package dev.inventory.core.sink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that keeps "LEVEL message" lines, for assertions. Threadsafe.
 */
final class CapturingLogger extends LegacyAbstractLogger
{
    private static final long serialVersionUID = 1L;

    final List<String> lines = new CopyOnWriteArrayList<>();

    CapturingLogger()
    {
        this.name = "capturing";
    }

    @Override
    protected String getFullyQualifiedCallerName()
    {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        final Level level, final Marker marker, final String messagePattern, final Object[] arguments,
        final Throwable throwable)
    {
        lines.add(level + " " + MessageFormatter.basicArrayFormat(messagePattern, arguments));
    }

    @Override
    public boolean isTraceEnabled()
    {
        return false;
    }

    @Override
    public boolean isDebugEnabled()
    {
        return false;
    }

    @Override
    public boolean isInfoEnabled()
    {
        return true;
    }

    @Override
    public boolean isWarnEnabled()
    {
        return true;
    }

    @Override
    public boolean isErrorEnabled()
    {
        return true;
    }
}
