package dev.inventory.rfid.llrp;

/**
 * The GeneralDeviceCapabilities of a GET_READER_CAPABILITIES_RESPONSE. Reused by the decoder; valid during
 * {@link LlrpMessageHandler#onCapabilities}. Instances are NOT threadsafe.
 */
public final class ReaderCapabilities
{
    private boolean present;
    private int maxAntennas;
    private boolean canSetAntennaProperties;
    private boolean hasUtcClock;
    private long manufacturer;
    private long model;

    void clear()
    {
        present = false;
        maxAntennas = 0;
        canSetAntennaProperties = false;
        hasUtcClock = false;
        manufacturer = 0;
        model = 0;
    }

    void set(final int maxAntennas, final int flags, final long manufacturer, final long model)
    {
        present = true;
        this.maxAntennas = maxAntennas;
        this.canSetAntennaProperties = (flags & 0x8000) != 0;
        this.hasUtcClock = (flags & 0x4000) != 0;
        this.manufacturer = manufacturer;
        this.model = model;
    }

    /** @return true if the response carried GeneralDeviceCapabilities. */
    public boolean isPresent()
    {
        return present;
    }

    /** @return MaxNumberOfAntennaSupported. */
    public int maxAntennas()
    {
        return maxAntennas;
    }

    /** @return CanSetAntennaProperties. */
    public boolean canSetAntennaProperties()
    {
        return canSetAntennaProperties;
    }

    /** @return HasUTCClockCapability. */
    public boolean hasUtcClock()
    {
        return hasUtcClock;
    }

    /** @return DeviceManufacturerName (IANA private enterprise number, e.g. 25882 Impinj). */
    public long manufacturer()
    {
        return manufacturer;
    }

    /** @return ModelName (vendor-specific number). */
    public long model()
    {
        return model;
    }
}
