package dev.inventory.rfid.llrp;

/**
 * Named negative result codes of LLRP framing and decoding ({@link LlrpFrameDecoder}). A frame that yields one of
 * these is rejected whole: nothing of it is dispatched, the code is counted and the connection is reset.
 * <p>
 * Stateless; threadsafe.
 */
public final class LlrpFrameError
{
    /** The buffer is not big-endian (LLRP is network order). */
    public static final int BAD_BYTE_ORDER = -1;
    /** Message Length is smaller than the 10-byte header. */
    public static final int LENGTH_TOO_SMALL = -2;
    /** Message Length is larger than the configured cap. */
    public static final int LENGTH_TOO_LARGE = -3;
    /** Fewer bytes than Message Length (the stream ended inside a frame, or a frame was handed over short). */
    public static final int TRUNCATED = -4;
    /** Protocol version other than 1 (LLRP 1.0.1). */
    public static final int UNKNOWN_VERSION = -5;
    /** Message type LLRP 1.0.1 does not define. */
    public static final int UNKNOWN_MESSAGE_TYPE = -6;
    /** A parameter (or its header) runs past the end of its parent. */
    public static final int PARAMETER_OVERRUN = -7;
    /** A TLV parameter length below its 4-byte header. */
    public static final int PARAMETER_TOO_SMALL = -8;
    /** A TV parameter type LLRP 1.0.1 does not define: its length is unknown, so it cannot be skipped. */
    public static final int UNKNOWN_TV_PARAMETER = -9;
    /** A TagReportData without an EPC (EPC-96 or EPCData). */
    public static final int MISSING_EPC = -10;
    /** A field that does not fit its parameter (EPCData bits beyond its length, fixed fields cut short). */
    public static final int BAD_FIELD = -11;
    /** A required parameter is missing (e.g. LLRPStatus in a response). */
    public static final int MISSING_PARAMETER = -12;

    /** Number of codes; codes run from -1 to -{@code COUNT}. */
    public static final int COUNT = 12;

    private LlrpFrameError()
    {
    }

    /**
     * @param code a negative code.
     * @return its name, e.g. "LENGTH_TOO_LARGE" (constant strings, no allocation).
     */
    public static String reasonText(final int code)
    {
        switch (code)
        {
            case BAD_BYTE_ORDER: return "BAD_BYTE_ORDER";
            case LENGTH_TOO_SMALL: return "LENGTH_TOO_SMALL";
            case LENGTH_TOO_LARGE: return "LENGTH_TOO_LARGE";
            case TRUNCATED: return "TRUNCATED";
            case UNKNOWN_VERSION: return "UNKNOWN_VERSION";
            case UNKNOWN_MESSAGE_TYPE: return "UNKNOWN_MESSAGE_TYPE";
            case PARAMETER_OVERRUN: return "PARAMETER_OVERRUN";
            case PARAMETER_TOO_SMALL: return "PARAMETER_TOO_SMALL";
            case UNKNOWN_TV_PARAMETER: return "UNKNOWN_TV_PARAMETER";
            case MISSING_EPC: return "MISSING_EPC";
            case BAD_FIELD: return "BAD_FIELD";
            case MISSING_PARAMETER: return "MISSING_PARAMETER";
            default: return code >= 0 ? "OK" : "UNKNOWN_ERROR";
        }
    }
}
