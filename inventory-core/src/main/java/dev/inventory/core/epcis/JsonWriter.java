package dev.inventory.core.epcis;

/**
 * A minimal JSON writer appending to a {@link StringBuilder}: objects, arrays, names, strings, integers, decimals and
 * booleans, with the commas placed for the caller. Strings are escaped per RFC 8259 (quote, backslash and control
 * characters; other characters, non-ASCII included, are written as they are, the output being UTF-8). Nesting is
 * limited to {@value #MAX_DEPTH} levels. Instances are NOT threadsafe.
 */
final class JsonWriter
{
    static final int MAX_DEPTH = 16;

    private final boolean[] hasMember = new boolean[MAX_DEPTH];
    private StringBuilder sb;
    private int depth;
    private boolean afterName;

    /**
     * Start writing into a builder; the writer must be at depth 0.
     *
     * @param sb to append to.
     * @return this.
     */
    JsonWriter reset(final StringBuilder sb)
    {
        this.sb = sb;
        this.depth = 0;
        this.afterName = false;
        return this;
    }

    /** @return current nesting depth (0 when every value is closed). */
    int depth()
    {
        return depth;
    }

    JsonWriter beginObject()
    {
        beforeValue();
        sb.append('{');
        push();
        return this;
    }

    JsonWriter endObject()
    {
        pop();
        sb.append('}');
        return this;
    }

    JsonWriter beginArray()
    {
        beforeValue();
        sb.append('[');
        push();
        return this;
    }

    JsonWriter endArray()
    {
        pop();
        sb.append(']');
        return this;
    }

    JsonWriter name(final CharSequence name)
    {
        assert depth > 0 && !afterName : "name outside an object";
        if (hasMember[depth - 1])
        {
            sb.append(',');
        }
        hasMember[depth - 1] = true;
        appendString(sb, name);
        sb.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(final CharSequence value)
    {
        beforeValue();
        if (null == value)
        {
            sb.append("null");
        }
        else
        {
            appendString(sb, value);
        }
        return this;
    }

    JsonWriter value(final long value)
    {
        beforeValue();
        sb.append(value);
        return this;
    }

    /** Write a decimal number exactly as its plain digits (no exponent). */
    JsonWriter value(final java.math.BigDecimal value)
    {
        beforeValue();
        sb.append(value.toPlainString());
        return this;
    }

    JsonWriter value(final boolean value)
    {
        beforeValue();
        sb.append(value);
        return this;
    }

    /** Write a name and a string value; nothing when the value is null. */
    JsonWriter member(final CharSequence name, final CharSequence value)
    {
        if (null != value)
        {
            name(name).value(value);
        }
        return this;
    }

    /** Write a name and an integer value. */
    JsonWriter member(final CharSequence name, final long value)
    {
        return name(name).value(value);
    }

    /** Write {@code "name":{"id":"value"}}; nothing when the value is null. */
    JsonWriter idMember(final CharSequence name, final CharSequence id)
    {
        if (null != id)
        {
            name(name).beginObject().member("id", id).endObject();
        }
        return this;
    }

    private void beforeValue()
    {
        if (afterName)
        {
            afterName = false;
            return;
        }
        if (depth > 0)
        {
            if (hasMember[depth - 1])
            {
                sb.append(',');
            }
            hasMember[depth - 1] = true;
        }
    }

    private void push()
    {
        if (depth == MAX_DEPTH)
        {
            throw new IllegalStateException("JSON nesting deeper than " + MAX_DEPTH);
        }
        hasMember[depth++] = false;
    }

    private void pop()
    {
        assert depth > 0 && !afterName : "unbalanced JSON";
        depth--;
    }

    /**
     * Append a JSON string literal.
     *
     * @param sb    to append to.
     * @param value the string.
     */
    static void appendString(final StringBuilder sb, final CharSequence value)
    {
        sb.append('"');
        for (int i = 0, length = value.length(); i < length; i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029)
                    {
                        sb.append("\\u");
                        for (int shift = 12; shift >= 0; shift -= 4)
                        {
                            sb.append(Character.forDigit((c >> shift) & 0xF, 16));
                        }
                    }
                    else
                    {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
