package dev.inventory.core.counter;

/**
 * Why a record was rejected by decode/validate or a later stage. Each reason has its own counter.
 */
public final class RejectReason
{
    /** Record type code not known to this engine. */
    public static final int UNKNOWN_TYPE = 0;
    /** Timestamp not positive or beyond year 9999. */
    public static final int BAD_TIMESTAMP = 1;
    /** Antenna port 0 (LLRP antennas are numbered from 1). */
    public static final int BAD_ANTENNA = 2;
    /** Reader/antenna pair not mapped to a zone and auto zones off. */
    public static final int UNKNOWN_ANTENNA = 3;
    /** EPC bit length 0 or not a multiple of 16 (Gen2 EPC length is in words). */
    public static final int BAD_EPC_LENGTH = 4;
    /** Seen count below 1. */
    public static final int BAD_SEEN_COUNT = 5;
    /** RSSI outside -150..+20 dBm. */
    public static final int BAD_RSSI = 6;
    /** Tag table full: capacity reached. */
    public static final int TAG_CAPACITY = 7;
    /** Command code not known, or its arguments invalid. */
    public static final int BAD_COMMAND = 8;
    /** A value that is NaN, infinite or out of its physical range. */
    public static final int BAD_VALUE = 9;
    /** A command names a tag the ledger does not know. */
    public static final int UNKNOWN_TAG = 10;

    /** Processing the record threw: a defect, logged with the record; the engine went on with the next record. */
    public static final int INTERNAL_ERROR = 11;

    /** Number of reasons. */
    public static final int REASON_COUNT = 12;

    private RejectReason()
    {
    }

    /**
     * @param reason code.
     * @return name for reports.
     */
    public static String name(final int reason)
    {
        switch (reason)
        {
            case UNKNOWN_TYPE: return "unknown_type";
            case BAD_TIMESTAMP: return "bad_timestamp";
            case BAD_ANTENNA: return "bad_antenna";
            case UNKNOWN_ANTENNA: return "unknown_antenna";
            case BAD_EPC_LENGTH: return "bad_epc_length";
            case BAD_SEEN_COUNT: return "bad_seen_count";
            case BAD_RSSI: return "bad_rssi";
            case TAG_CAPACITY: return "tag_capacity";
            case BAD_COMMAND: return "bad_command";
            case BAD_VALUE: return "bad_value";
            case UNKNOWN_TAG: return "unknown_tag";
            case INTERNAL_ERROR: return "internal_error";
            default: return "reason_" + reason;
        }
    }
}
