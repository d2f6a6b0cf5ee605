package dev.inventory.rfid.llrp;

import java.nio.charset.StandardCharsets;

/**
 * A decoded LLRPStatus (of a response or an ERROR_MESSAGE): status code, error description and the first
 * FieldError / ParameterError. Reused by the decoder; valid during the callback that hands it over.
 * Only {@link #description()} and {@link #toString()} allocate. Instances are NOT threadsafe.
 */
public final class LlrpStatus
{
    /** StatusCode M_Success. */
    public static final int SUCCESS = 0;
    /** Most description bytes kept. */
    public static final int MAX_DESCRIPTION_BYTES = 256;

    private final byte[] description = new byte[MAX_DESCRIPTION_BYTES];
    private int descriptionLength;
    private int statusCode;
    private int fieldErrorNum = -1;
    private int fieldErrorCode;
    private int parameterErrorType = -1;
    private int parameterErrorCode;

    void clear()
    {
        statusCode = SUCCESS;
        descriptionLength = 0;
        fieldErrorNum = -1;
        fieldErrorCode = 0;
        parameterErrorType = -1;
        parameterErrorCode = 0;
    }

    void statusCode(final int statusCode)
    {
        this.statusCode = statusCode;
    }

    void description(final java.nio.ByteBuffer buffer, final int offset, final int length)
    {
        final int count = Math.min(length, description.length);
        for (int i = 0; i < count; i++)
        {
            description[i] = buffer.get(offset + i);
        }
        descriptionLength = count;
    }

    void fieldError(final int fieldNum, final int errorCode)
    {
        fieldErrorNum = fieldNum;
        fieldErrorCode = errorCode;
    }

    void parameterError(final int parameterType, final int errorCode)
    {
        parameterErrorType = parameterType;
        parameterErrorCode = errorCode;
    }

    /** @return true for M_Success. */
    public boolean isSuccess()
    {
        return statusCode == SUCCESS;
    }

    /** @return the StatusCode. */
    public int statusCode()
    {
        return statusCode;
    }

    /** @return the ErrorDescription (allocates). */
    public String description()
    {
        return new String(description, 0, descriptionLength, StandardCharsets.UTF_8);
    }

    /** @return FieldError FieldNum, or -1 if none. */
    public int fieldErrorNum()
    {
        return fieldErrorNum;
    }

    /** @return FieldError ErrorCode. */
    public int fieldErrorCode()
    {
        return fieldErrorCode;
    }

    /** @return ParameterError ParameterType, or -1 if none. */
    public int parameterErrorType()
    {
        return parameterErrorType;
    }

    /** @return ParameterError ErrorCode. */
    public int parameterErrorCode()
    {
        return parameterErrorCode;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(64).append(LlrpDescriptor.statusName(statusCode));
        if (descriptionLength > 0)
        {
            sb.append(" \"").append(description()).append('"');
        }
        if (fieldErrorNum >= 0)
        {
            sb.append(" field ").append(fieldErrorNum).append(": ").append(LlrpDescriptor.statusName(fieldErrorCode));
        }
        if (parameterErrorType >= 0)
        {
            sb.append(" parameter ").append(parameterErrorType).append(": ")
                .append(LlrpDescriptor.statusName(parameterErrorCode));
        }
        return sb.toString();
    }
}
