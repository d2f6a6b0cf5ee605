package dev.inventory.core.record;

/**
 * Record type codes carried in the {@link RecordDescriptor#TYPE_OFFSET} field. Codes are part of the journal
 * format: never renumber them.
 */
public final class RecordType
{
    /** A claimed slot that was aborted by its producer: skipped by the pipeline, not counted as bad. */
    public static final short PADDING = 0;
    /** An RFID tag read, see {@link RfidReadFlyweight}. */
    public static final short RFID_READ = 1;
    /** A range measurement from an RTLS anchor to a tag, see {@link RangingFlyweight}. */
    public static final short RANGING = 2;
    /** A solved position of a tag, see {@link PositionFlyweight}. */
    public static final short POSITION = 3;
    /** A barcode scan, see {@link BarcodeScanFlyweight}. */
    public static final short BARCODE_SCAN = 4;
    /** A weight or level reading, see {@link MeasurementFlyweight}. */
    public static final short MEASUREMENT = 5;
    /** An environmental sensor reading such as temperature, see {@link SensorFlyweight}. */
    public static final short SENSOR = 6;
    /** A command or master-data record from the host, see {@link CommandFlyweight}. */
    public static final short COMMAND = 7;
    /** A clock tick that advances record time when no device speaks, see {@link ClockTickFlyweight}. */
    public static final short CLOCK_TICK = 8;

    /** A device link went up or down, see {@link LinkStateFlyweight}. */
    public static final short LINK_STATE = 9;

    /** One past the highest known type code. */
    public static final short TYPE_COUNT = 10;

    private RecordType()
    {
    }

    /**
     * Name of a record type for reports.
     *
     * @param type code.
     * @return name, or "UNKNOWN".
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case PADDING: return "PADDING";
            case RFID_READ: return "RFID_READ";
            case RANGING: return "RANGING";
            case POSITION: return "POSITION";
            case BARCODE_SCAN: return "BARCODE_SCAN";
            case MEASUREMENT: return "MEASUREMENT";
            case SENSOR: return "SENSOR";
            case COMMAND: return "COMMAND";
            case CLOCK_TICK: return "CLOCK_TICK";
            case LINK_STATE: return "LINK_STATE";
            default: return "UNKNOWN";
        }
    }
}
