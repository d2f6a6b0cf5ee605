package dev.inventory.core.epcis;

import java.math.BigDecimal;

import dev.inventory.core.event.EventFlyweight;
import dev.inventory.core.event.EventType;
import dev.inventory.core.record.SensorFlyweight;

/**
 * Reads the sensor reading a condition excursion event ({@code OPS_EXCURSION_START} / {@code OPS_EXCURSION_END})
 * carries, for its EPCIS {@code sensorElementList}. The event fields are the condition rule's to define; this hook
 * keeps the EPCIS mapping in step with them. Implementations must be threadsafe (they are called on the sink thread).
 */
@FunctionalInterface
public interface EpcisSensorMapping
{
    /**
     * The field use of {@code LotRules}: {@code detail} = sensor quantity code in the low 4 bits
     * ({@link SensorFlyweight#QUANTITY_TEMPERATURE} = {@code Temperature} in {@code CEL},
     * {@link SensorFlyweight#QUANTITY_HUMIDITY} = {@code RelativeHumidity} in {@code P1} (percent); 0x10 marks an
     * excursion below the minimum), {@code rssiCentiDbm} = the value in hundredths of the unit, and for a start the
     * limit crossed in {@code dwellMs} (hundredths). Other quantity codes give no reading.
     */
    EpcisSensorMapping DEFAULT = hundredths(true);

    /**
     * @param event an excursion event.
     * @return its reading, or null if it carries none (then no {@code sensorElementList} is written, and an event
     * without an EPC is not written at all).
     */
    EpcisSensorReading reading(EventFlyweight event);

    /**
     * The provisional field use of {@link #DEFAULT}, optionally with the limit passed in {@code dwellMs} of an
     * {@code OPS_EXCURSION_START} in hundredths of the unit ({@code dwellMs} of an end is the duration).
     *
     * @param limitInDwell true to read the limit of a start from {@code dwellMs}.
     * @return the mapping.
     */
    static EpcisSensorMapping hundredths(final boolean limitInDwell)
    {
        return event ->
        {
            final String type;
            final String uom;
            switch (event.detail() & 0x0F) // LotRules adds 0x10 for an excursion below the minimum
            {
                case SensorFlyweight.QUANTITY_TEMPERATURE:
                    type = "Temperature";
                    uom = "CEL";
                    break;
                case SensorFlyweight.QUANTITY_HUMIDITY:
                    type = "RelativeHumidity";
                    uom = "P1";
                    break;
                default:
                    return null;
            }
            final BigDecimal limit = limitInDwell && event.type() == EventType.OPS_EXCURSION_START ?
                BigDecimal.valueOf(event.dwellMs(), 2) : null;
            return new EpcisSensorReading(type, uom, BigDecimal.valueOf(event.rssiCentiDbm(), 2), limit);
        };
    }
}
