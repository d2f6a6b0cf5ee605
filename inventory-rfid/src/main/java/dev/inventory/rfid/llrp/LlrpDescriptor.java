package dev.inventory.rfid.llrp;

/**
 * Layout and type constants of EPCglobal LLRP 1.0.1 (protocol version 1) as carried on TCP port 5084.
 * <p>
 * Message header, big-endian (network order):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-----+-----+-------------------+-------------------------------+
 *  |Rsvd | Ver |   Message Type    |     Message Length (high)     |  0
 *  +-----+-----+-------------------+-------------------------------+
 *  |     Message Length (low)      |       Message ID (high)       |  4
 *  +-------------------------------+-------------------------------+
 *  |       Message ID (low)        |  parameters ...                  8
 *  +-------------------------------+
 * </pre>
 * Message Length counts the whole message, header included. A TLV parameter starts with 6 reserved bits, a 10-bit
 * type and a 16-bit length counting its own 4-byte header; a TV parameter is one byte {@code 1ttttttt} (7-bit type)
 * followed by a value whose size the type fixes ({@link #tvValueLength(int)}).
 * <p>
 * Stateless; threadsafe.
 */
public final class LlrpDescriptor
{
    /** The IANA port of LLRP. */
    public static final int DEFAULT_PORT = 5084;
    /** Protocol version of LLRP 1.0.1. */
    public static final int VERSION_1_0_1 = 1;
    /** Bytes of the message header. */
    public static final int HEADER_LENGTH = 10;
    /** Offset of the 16-bit version-and-type word. */
    public static final int VERSION_TYPE_OFFSET = 0;
    /** Offset of the 32-bit message length. */
    public static final int LENGTH_OFFSET = 2;
    /** Offset of the 32-bit message ID. */
    public static final int MESSAGE_ID_OFFSET = 6;
    /** Bytes of a TLV parameter header (type, length). */
    public static final int TLV_HEADER_LENGTH = 4;

    // ---------------------------------------------------------------------------------------------- message types
    public static final int GET_READER_CAPABILITIES = 1;
    public static final int GET_READER_CONFIG = 2;
    public static final int SET_READER_CONFIG = 3;
    public static final int CLOSE_CONNECTION_RESPONSE = 4;
    public static final int GET_READER_CAPABILITIES_RESPONSE = 11;
    public static final int GET_READER_CONFIG_RESPONSE = 12;
    public static final int SET_READER_CONFIG_RESPONSE = 13;
    public static final int CLOSE_CONNECTION = 14;
    public static final int ADD_ROSPEC = 20;
    public static final int DELETE_ROSPEC = 21;
    public static final int START_ROSPEC = 22;
    public static final int STOP_ROSPEC = 23;
    public static final int ENABLE_ROSPEC = 24;
    public static final int DISABLE_ROSPEC = 25;
    public static final int GET_ROSPECS = 26;
    public static final int ADD_ROSPEC_RESPONSE = 30;
    public static final int DELETE_ROSPEC_RESPONSE = 31;
    public static final int START_ROSPEC_RESPONSE = 32;
    public static final int STOP_ROSPEC_RESPONSE = 33;
    public static final int ENABLE_ROSPEC_RESPONSE = 34;
    public static final int DISABLE_ROSPEC_RESPONSE = 35;
    public static final int GET_ROSPECS_RESPONSE = 36;
    public static final int ADD_ACCESSSPEC = 40;
    public static final int DELETE_ACCESSSPEC = 41;
    public static final int ENABLE_ACCESSSPEC = 42;
    public static final int DISABLE_ACCESSSPEC = 43;
    public static final int GET_ACCESSSPECS = 44;
    public static final int ADD_ACCESSSPEC_RESPONSE = 50;
    public static final int DELETE_ACCESSSPEC_RESPONSE = 51;
    public static final int ENABLE_ACCESSSPEC_RESPONSE = 52;
    public static final int DISABLE_ACCESSSPEC_RESPONSE = 53;
    public static final int GET_ACCESSSPECS_RESPONSE = 54;
    public static final int GET_REPORT = 60;
    public static final int RO_ACCESS_REPORT = 61;
    public static final int KEEPALIVE = 62;
    public static final int READER_EVENT_NOTIFICATION = 63;
    public static final int ENABLE_EVENTS_AND_REPORTS = 64;
    public static final int KEEPALIVE_ACK = 72;
    public static final int ERROR_MESSAGE = 100;
    public static final int CUSTOM_MESSAGE = 1023;

    // ---------------------------------------------------------------------------------------------- TV parameters
    public static final int TV_ANTENNA_ID = 1;
    public static final int TV_FIRST_SEEN_TIMESTAMP_UTC = 2;
    public static final int TV_FIRST_SEEN_TIMESTAMP_UPTIME = 3;
    public static final int TV_LAST_SEEN_TIMESTAMP_UTC = 4;
    public static final int TV_LAST_SEEN_TIMESTAMP_UPTIME = 5;
    public static final int TV_PEAK_RSSI = 6;
    public static final int TV_CHANNEL_INDEX = 7;
    public static final int TV_TAG_SEEN_COUNT = 8;
    public static final int TV_ROSPEC_ID = 9;
    public static final int TV_INVENTORY_PARAMETER_SPEC_ID = 10;
    public static final int TV_C1G2_CRC = 11;
    public static final int TV_C1G2_PC = 12;
    public static final int TV_EPC_96 = 13;
    public static final int TV_SPEC_INDEX = 14;
    public static final int TV_CLIENT_REQUEST_OP_SPEC_RESULT = 15;
    public static final int TV_ACCESS_SPEC_ID = 16;
    public static final int TV_OP_SPEC_ID = 17;
    public static final int TV_C1G2_SINGULATION_DETAILS = 18;

    // --------------------------------------------------------------------------------------------- TLV parameters
    public static final int UTC_TIMESTAMP = 128;
    public static final int UPTIME = 129;
    public static final int GENERAL_DEVICE_CAPABILITIES = 137;
    public static final int RO_SPEC = 177;
    public static final int RO_BOUNDARY_SPEC = 178;
    public static final int RO_SPEC_START_TRIGGER = 179;
    public static final int PERIODIC_TRIGGER_VALUE = 180;
    public static final int GPI_TRIGGER_VALUE = 181;
    public static final int RO_SPEC_STOP_TRIGGER = 182;
    public static final int AI_SPEC = 183;
    public static final int AI_SPEC_STOP_TRIGGER = 184;
    public static final int TAG_OBSERVATION_TRIGGER = 185;
    public static final int INVENTORY_PARAMETER_SPEC = 186;
    public static final int KEEPALIVE_SPEC = 220;
    public static final int RO_REPORT_SPEC = 237;
    public static final int TAG_REPORT_CONTENT_SELECTOR = 238;
    public static final int TAG_REPORT_DATA = 240;
    public static final int EPC_DATA = 241;
    public static final int RF_SURVEY_REPORT_DATA = 242;
    public static final int READER_EVENT_NOTIFICATION_SPEC = 244;
    public static final int EVENT_NOTIFICATION_STATE = 245;
    public static final int READER_EVENT_NOTIFICATION_DATA = 246;
    public static final int HOPPING_EVENT = 247;
    public static final int GPI_EVENT = 248;
    public static final int RO_SPEC_EVENT = 249;
    public static final int REPORT_BUFFER_LEVEL_WARNING_EVENT = 250;
    public static final int REPORT_BUFFER_OVERFLOW_ERROR_EVENT = 251;
    public static final int READER_EXCEPTION_EVENT = 252;
    public static final int RF_SURVEY_EVENT = 253;
    public static final int AI_SPEC_EVENT = 254;
    public static final int ANTENNA_EVENT = 255;
    public static final int CONNECTION_ATTEMPT_EVENT = 256;
    public static final int CONNECTION_CLOSE_EVENT = 257;
    public static final int LLRP_STATUS = 287;
    public static final int FIELD_ERROR = 288;
    public static final int PARAMETER_ERROR = 289;
    public static final int C1G2_EPC_MEMORY_SELECTOR = 348;
    public static final int CUSTOM = 1023;

    // ------------------------------------------------------------------------------------------------ enumerations
    /** AirProtocols: EPCglobal Class 1 Gen 2. */
    public static final int PROTOCOL_EPC_C1G2 = 1;
    /** ROSpecStartTriggerType: null (START_ROSPEC starts it). */
    public static final int START_TRIGGER_NULL = 0;
    /** ROSpecStartTriggerType: immediate (starts when enabled). */
    public static final int START_TRIGGER_IMMEDIATE = 1;
    /** ROSpecStopTriggerType / AISpecStopTriggerType: null. */
    public static final int STOP_TRIGGER_NULL = 0;
    /** ROSpecStopTriggerType / AISpecStopTriggerType: duration. */
    public static final int STOP_TRIGGER_DURATION = 1;
    /** ROReportTrigger: none. */
    public static final int REPORT_TRIGGER_NONE = 0;
    /** ROReportTrigger: upon N TagReportData parameters or the end of the AISpec. */
    public static final int REPORT_TRIGGER_N_OR_END_OF_AI_SPEC = 1;
    /** ROReportTrigger: upon N TagReportData parameters or the end of the ROSpec. */
    public static final int REPORT_TRIGGER_N_OR_END_OF_RO_SPEC = 2;
    /** KeepaliveTriggerType: periodic. */
    public static final int KEEPALIVE_TRIGGER_PERIODIC = 1;
    /** GET_READER_CAPABILITIES RequestedData: all. */
    public static final int REQUESTED_DATA_ALL = 0;
    /** ConnectionAttemptEvent status: success. */
    public static final int CONNECTION_SUCCESS = 0;

    /** Reader event types of EventNotificationState (LLRP 1.0.1 §12.2.1). */
    public static final int EVENT_HOPPING = 0;
    public static final int EVENT_GPI = 1;
    public static final int EVENT_ROSPEC = 2;
    public static final int EVENT_REPORT_BUFFER_FILL_WARNING = 3;
    public static final int EVENT_READER_EXCEPTION = 4;
    public static final int EVENT_RF_SURVEY = 5;
    public static final int EVENT_AI_SPEC = 6;
    public static final int EVENT_AI_SPEC_WITH_SINGULATION = 7;
    public static final int EVENT_ANTENNA = 8;
    /** Number of event types. */
    public static final int EVENT_TYPE_COUNT = 9;

    /** IANA private enterprise number of Impinj. */
    public static final int IMPINJ_PEN = 25882;
    /** Impinj custom parameter subtype ImpinjPeakRSSI: s16 RSSI in centi-dBm. */
    public static final int IMPINJ_PEAK_RSSI_SUBTYPE = 57;

    private static final byte[] TV_VALUE_LENGTH = new byte[128];

    static
    {
        java.util.Arrays.fill(TV_VALUE_LENGTH, (byte)-1);
        TV_VALUE_LENGTH[TV_ANTENNA_ID] = 2;
        TV_VALUE_LENGTH[TV_FIRST_SEEN_TIMESTAMP_UTC] = 8;
        TV_VALUE_LENGTH[TV_FIRST_SEEN_TIMESTAMP_UPTIME] = 8;
        TV_VALUE_LENGTH[TV_LAST_SEEN_TIMESTAMP_UTC] = 8;
        TV_VALUE_LENGTH[TV_LAST_SEEN_TIMESTAMP_UPTIME] = 8;
        TV_VALUE_LENGTH[TV_PEAK_RSSI] = 1;
        TV_VALUE_LENGTH[TV_CHANNEL_INDEX] = 2;
        TV_VALUE_LENGTH[TV_TAG_SEEN_COUNT] = 2;
        TV_VALUE_LENGTH[TV_ROSPEC_ID] = 4;
        TV_VALUE_LENGTH[TV_INVENTORY_PARAMETER_SPEC_ID] = 2;
        TV_VALUE_LENGTH[TV_C1G2_CRC] = 2;
        TV_VALUE_LENGTH[TV_C1G2_PC] = 2;
        TV_VALUE_LENGTH[TV_EPC_96] = 12;
        TV_VALUE_LENGTH[TV_SPEC_INDEX] = 2;
        TV_VALUE_LENGTH[TV_CLIENT_REQUEST_OP_SPEC_RESULT] = 2;
        TV_VALUE_LENGTH[TV_ACCESS_SPEC_ID] = 4;
        TV_VALUE_LENGTH[TV_OP_SPEC_ID] = 2;
        TV_VALUE_LENGTH[TV_C1G2_SINGULATION_DETAILS] = 4;
    }

    private LlrpDescriptor()
    {
    }

    /**
     * @param tvType TV parameter type, 0..127.
     * @return bytes of the value after the type byte, or -1 if the type is not defined by LLRP 1.0.1 (such a
     * parameter cannot be skipped, so a frame holding one is rejected).
     */
    public static int tvValueLength(final int tvType)
    {
        return (tvType & ~0x7F) == 0 ? TV_VALUE_LENGTH[tvType] : -1;
    }

    /**
     * @param messageType message type, 0..1023.
     * @return true if LLRP 1.0.1 defines the message type.
     */
    public static boolean isKnownMessageType(final int messageType)
    {
        switch (messageType)
        {
            case GET_READER_CAPABILITIES: case GET_READER_CONFIG: case SET_READER_CONFIG:
            case CLOSE_CONNECTION_RESPONSE: case GET_READER_CAPABILITIES_RESPONSE: case GET_READER_CONFIG_RESPONSE:
            case SET_READER_CONFIG_RESPONSE: case CLOSE_CONNECTION:
            case ADD_ROSPEC: case DELETE_ROSPEC: case START_ROSPEC: case STOP_ROSPEC: case ENABLE_ROSPEC:
            case DISABLE_ROSPEC: case GET_ROSPECS:
            case ADD_ROSPEC_RESPONSE: case DELETE_ROSPEC_RESPONSE: case START_ROSPEC_RESPONSE:
            case STOP_ROSPEC_RESPONSE: case ENABLE_ROSPEC_RESPONSE: case DISABLE_ROSPEC_RESPONSE:
            case GET_ROSPECS_RESPONSE:
            case ADD_ACCESSSPEC: case DELETE_ACCESSSPEC: case ENABLE_ACCESSSPEC: case DISABLE_ACCESSSPEC:
            case GET_ACCESSSPECS:
            case ADD_ACCESSSPEC_RESPONSE: case DELETE_ACCESSSPEC_RESPONSE: case ENABLE_ACCESSSPEC_RESPONSE:
            case DISABLE_ACCESSSPEC_RESPONSE: case GET_ACCESSSPECS_RESPONSE:
            case GET_REPORT: case RO_ACCESS_REPORT: case KEEPALIVE: case READER_EVENT_NOTIFICATION:
            case ENABLE_EVENTS_AND_REPORTS: case KEEPALIVE_ACK: case ERROR_MESSAGE: case CUSTOM_MESSAGE:
                return true;

            default:
                return false;
        }
    }

    /**
     * @param messageType a message type.
     * @return true if it is a response a reader sends to a client request carrying an LLRPStatus first.
     */
    public static boolean isResponse(final int messageType)
    {
        switch (messageType)
        {
            case CLOSE_CONNECTION_RESPONSE: case GET_READER_CAPABILITIES_RESPONSE: case GET_READER_CONFIG_RESPONSE:
            case SET_READER_CONFIG_RESPONSE:
            case ADD_ROSPEC_RESPONSE: case DELETE_ROSPEC_RESPONSE: case START_ROSPEC_RESPONSE:
            case STOP_ROSPEC_RESPONSE: case ENABLE_ROSPEC_RESPONSE: case DISABLE_ROSPEC_RESPONSE:
            case GET_ROSPECS_RESPONSE:
            case ADD_ACCESSSPEC_RESPONSE: case DELETE_ACCESSSPEC_RESPONSE: case ENABLE_ACCESSSPEC_RESPONSE:
            case DISABLE_ACCESSSPEC_RESPONSE: case GET_ACCESSSPECS_RESPONSE:
                return true;

            default:
                return false;
        }
    }

    /**
     * @param requestType a client request type.
     * @return the type of its response, or -1 if it has none.
     */
    public static int responseTypeOf(final int requestType)
    {
        switch (requestType)
        {
            case GET_READER_CAPABILITIES: return GET_READER_CAPABILITIES_RESPONSE;
            case GET_READER_CONFIG: return GET_READER_CONFIG_RESPONSE;
            case SET_READER_CONFIG: return SET_READER_CONFIG_RESPONSE;
            case CLOSE_CONNECTION: return CLOSE_CONNECTION_RESPONSE;
            case ADD_ROSPEC: case DELETE_ROSPEC: case START_ROSPEC: case STOP_ROSPEC: case ENABLE_ROSPEC:
            case DISABLE_ROSPEC: case GET_ROSPECS:
            case ADD_ACCESSSPEC: case DELETE_ACCESSSPEC: case ENABLE_ACCESSSPEC: case DISABLE_ACCESSSPEC:
            case GET_ACCESSSPECS:
                return requestType + 10;
            default: return -1;
        }
    }

    /**
     * @param messageType a message type.
     * @return its LLRP name, for logs (constant strings, no allocation for known types).
     */
    public static String messageTypeName(final int messageType)
    {
        switch (messageType)
        {
            case GET_READER_CAPABILITIES: return "GET_READER_CAPABILITIES";
            case GET_READER_CONFIG: return "GET_READER_CONFIG";
            case SET_READER_CONFIG: return "SET_READER_CONFIG";
            case CLOSE_CONNECTION_RESPONSE: return "CLOSE_CONNECTION_RESPONSE";
            case GET_READER_CAPABILITIES_RESPONSE: return "GET_READER_CAPABILITIES_RESPONSE";
            case GET_READER_CONFIG_RESPONSE: return "GET_READER_CONFIG_RESPONSE";
            case SET_READER_CONFIG_RESPONSE: return "SET_READER_CONFIG_RESPONSE";
            case CLOSE_CONNECTION: return "CLOSE_CONNECTION";
            case ADD_ROSPEC: return "ADD_ROSPEC";
            case DELETE_ROSPEC: return "DELETE_ROSPEC";
            case START_ROSPEC: return "START_ROSPEC";
            case STOP_ROSPEC: return "STOP_ROSPEC";
            case ENABLE_ROSPEC: return "ENABLE_ROSPEC";
            case DISABLE_ROSPEC: return "DISABLE_ROSPEC";
            case GET_ROSPECS: return "GET_ROSPECS";
            case ADD_ROSPEC_RESPONSE: return "ADD_ROSPEC_RESPONSE";
            case DELETE_ROSPEC_RESPONSE: return "DELETE_ROSPEC_RESPONSE";
            case START_ROSPEC_RESPONSE: return "START_ROSPEC_RESPONSE";
            case STOP_ROSPEC_RESPONSE: return "STOP_ROSPEC_RESPONSE";
            case ENABLE_ROSPEC_RESPONSE: return "ENABLE_ROSPEC_RESPONSE";
            case DISABLE_ROSPEC_RESPONSE: return "DISABLE_ROSPEC_RESPONSE";
            case GET_ROSPECS_RESPONSE: return "GET_ROSPECS_RESPONSE";
            case GET_REPORT: return "GET_REPORT";
            case RO_ACCESS_REPORT: return "RO_ACCESS_REPORT";
            case KEEPALIVE: return "KEEPALIVE";
            case READER_EVENT_NOTIFICATION: return "READER_EVENT_NOTIFICATION";
            case ENABLE_EVENTS_AND_REPORTS: return "ENABLE_EVENTS_AND_REPORTS";
            case KEEPALIVE_ACK: return "KEEPALIVE_ACK";
            case ERROR_MESSAGE: return "ERROR_MESSAGE";
            case CUSTOM_MESSAGE: return "CUSTOM_MESSAGE";
            default: return isKnownMessageType(messageType) ? "ACCESSSPEC_MESSAGE" : "UNKNOWN_MESSAGE";
        }
    }

    /**
     * @param statusCode an LLRPStatus StatusCode.
     * @return its LLRP name.
     */
    public static String statusName(final int statusCode)
    {
        switch (statusCode)
        {
            case 0: return "M_Success";
            case 100: return "M_ParameterError";
            case 101: return "M_FieldError";
            case 102: return "M_UnexpectedParameter";
            case 103: return "M_MissingParameter";
            case 104: return "M_DuplicateParameter";
            case 105: return "M_OverflowParameter";
            case 106: return "M_OverflowField";
            case 107: return "M_UnknownParameter";
            case 108: return "M_UnknownField";
            case 109: return "M_UnsupportedMessage";
            case 110: return "M_UnsupportedVersion";
            case 111: return "M_UnsupportedParameter";
            case 200: return "P_ParameterError";
            case 201: return "P_FieldError";
            case 202: return "P_UnexpectedParameter";
            case 203: return "P_MissingParameter";
            case 204: return "P_DuplicateParameter";
            case 205: return "P_OverflowParameter";
            case 206: return "P_OverflowField";
            case 207: return "P_UnknownParameter";
            case 208: return "P_UnknownField";
            case 209: return "P_UnsupportedParameter";
            case 300: return "A_Invalid";
            case 301: return "A_OutOfRange";
            case 401: return "R_DeviceError";
            default: return "status(" + statusCode + ")";
        }
    }
}
