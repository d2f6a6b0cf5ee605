package dev.inventory.core.epcis;

import java.math.BigDecimal;

/**
 * One sensor reading of an excursion event, as an {@link EpcisSensorMapping} reads it. Immutable; threadsafe.
 *
 * @param type  EPCIS 2.0 measurement type: a bare name of the schema's list ({@code Temperature},
 *              {@code RelativeHumidity}, ...), the form of the standard's sensor example, or a URI of your own
 *              (the compact {@code gs1:Temperature} passes the schema too).
 * @param uom   UN/CEFACT Rec. 20 unit code, 2 or 3 upper-case letters or digits ({@code CEL}, {@code P1}), or null.
 * @param value the value in the unit.
 * @param limit the limit the value went past, or null if unknown.
 */
public record EpcisSensorReading(String type, String uom, BigDecimal value, BigDecimal limit)
{
    /**
     * @param type  measurement type.
     * @param uom   unit code or null.
     * @param value value.
     * @param limit limit or null.
     */
    public EpcisSensorReading
    {
        if (null == type || type.isEmpty() || null == value)
        {
            throw new IllegalArgumentException("type and value are required");
        }
        if (null != uom && !uom.matches("[A-Z0-9]{2,3}"))
        {
            throw new IllegalArgumentException("uom must be a UN/CEFACT code of 2 or 3 upper-case letters or digits: " +
                uom);
        }
    }
}
