package dev.inventory.rfid.portal;

import java.nio.ByteBuffer;

import dev.inventory.core.engine.Pipeline;
import dev.inventory.core.engine.RecordExtension;
import dev.inventory.core.ledger.TagTable;
import dev.inventory.core.record.RecordType;
import dev.inventory.core.record.RfidReadFlyweight;

/**
 * Runs a {@link PortalDetector} on the engine thread and emits each decision as a pipeline event:
 * {@link PortalDirection#PORTAL_IN} (from the outer zone to the inner zone), {@link PortalDirection#PORTAL_OUT}
 * (inner to outer) or {@link PortalDirection#PORTAL_NEAR} (no zones). Event fields: source = portal id, timestamp
 * = decision time, dwell = pass duration (first to last read), RSSI = the stronger smoothed peak in centi-dBm,
 * detail = confidence in permille, SKU = the ledger's SKU handle or -1.
 * Every record advances the detector's time, so settled passes are decided without further reads of that tag.
 * Instances are NOT threadsafe: engine thread only.
 */
public final class PortalExtension implements RecordExtension, PortalListener
{
    private final RfidReadFlyweight read = new RfidReadFlyweight();
    private final PortalDetector detector;
    private final int outerZoneId;
    private final int innerZoneId;
    private Pipeline pipeline;

    /**
     * @param spec        the portal.
     * @param outerZoneId zone id reported as the outer side, or -1.
     * @param innerZoneId zone id reported as the inner side, or -1.
     */
    public PortalExtension(final PortalSpec spec, final int outerZoneId, final int innerZoneId)
    {
        this.detector = new PortalDetector(spec, this);
        this.outerZoneId = outerZoneId;
        this.innerZoneId = innerZoneId;
    }

    /** @return the detector, for counters. */
    public PortalDetector detector()
    {
        return detector;
    }

    @Override
    public boolean onRecord(final ByteBuffer buffer, final int offset, final int type, final Pipeline pipeline)
    {
        this.pipeline = pipeline;
        if (type == RecordType.RFID_READ)
        {
            final RfidReadFlyweight read = this.read.wrap(buffer, offset);
            detector.onTime(pipeline.nowMs());
            detector.onRead(read.reader(), read.antenna(), read.epcHigh(), read.epcLow(), read.rssiCentiDbm(),
                read.timestampMs());
        }
        else
        {
            detector.onTime(pipeline.nowMs());
        }
        return false;
    }

    @Override
    public void onPass(final PortalPass pass)
    {
        final Pipeline pipeline = this.pipeline;
        final int direction = pass.direction();
        final int from = direction == PortalDirection.IN ? outerZoneId :
            (direction == PortalDirection.OUT ? innerZoneId : -1);
        final int to = direction == PortalDirection.IN ? innerZoneId :
            (direction == PortalDirection.OUT ? outerZoneId : -1);
        final double peak = Math.max(
            pass.reads(PortalPass.OUTER) > 0 ? pass.peakDbm(PortalPass.OUTER) : -150.0,
            pass.reads(PortalPass.INNER) > 0 ? pass.peakDbm(PortalPass.INNER) : -150.0);
        final int tag = pipeline.tags().get(pass.epcHigh(), pass.epcLow());
        final int sku = tag == TagTable.MISSING ? -1 : pipeline.ledger().sku(tag);
        pipeline.emit(PortalDirection.eventType(direction), (short)Math.round(pass.confidence() * 1000),
            pass.portalId(), pass.decidedAtMs(), pass.epcHigh(), pass.epcLow(), from, to, 0,
            pass.lastSeenMs() - pass.firstSeenMs(), (int)Math.round(peak * 100), sku);
    }
}
