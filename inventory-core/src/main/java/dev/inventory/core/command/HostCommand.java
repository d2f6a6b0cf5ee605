package dev.inventory.core.command;

import dev.inventory.core.record.CommandFlyweight;

/**
 * One host command parsed from a command file: what {@link CommandFlyweight} carries, plus where it came from.
 * Immutable; threadsafe.
 *
 * @param lineNumber  1-based line in the file.
 * @param timestampMs command time, epoch ms.
 * @param command     command code ({@link CommandFlyweight#ASSIGN_TAG}, ...).
 * @param epcHigh     EPC bits 95..32.
 * @param epcLow      EPC bits 31..0.
 * @param arg2        long argument 2 (ASSIGN_TAG: SKU key; SET_TAG_STATUS: status).
 * @param arg3        long argument 3 (ASSIGN_TAG: lot id).
 * @param arg4        long argument 4 (ASSIGN_TAG: container id).
 */
public record HostCommand(
    long lineNumber, long timestampMs, int command, long epcHigh, int epcLow, long arg2, long arg3, long arg4)
{
    /**
     * Write the command as a record: int argument = EPC low bits, argument 1 = EPC high bits, arguments 2..4 as
     * given, argument 5 = 0.
     *
     * @param flyweight wrapped at the slot to fill.
     * @param host      host id for the record's source field.
     */
    public void writeTo(final CommandFlyweight flyweight, final int host)
    {
        flyweight.set(host, command, epcLow, epcHigh, arg2, arg3, arg4, timestampMs).arg5(0);
    }
}
