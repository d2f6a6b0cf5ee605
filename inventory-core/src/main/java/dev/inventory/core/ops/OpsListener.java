package dev.inventory.core.ops;

import dev.inventory.core.engine.Pipeline;

/**
 * Callbacks from an {@link OperationsExtension} to the rules built on it (work-in-progress, shipping, lots,
 * accuracy, containers), registered with {@link OperationsExtension#addListener(OpsListener)} before the engine
 * starts. Called on the engine thread, after the movement rows were appended and the balances updated; must not
 * block and should not allocate. Item state is read through the extension's per-tag accessors
 * ({@link OperationsExtension#zoneOf(int)}, {@link OperationsExtension#skuKeyOf(int)}, ...).
 */
public interface OpsListener
{
    /**
     * An item was counted into a zone: first counted ({@code fromZone} = {@code Ledger.NO_ZONE}) or moved.
     *
     * @param ops        the operations extension, for the item's state and master data.
     * @param tag        the core ledger's tag handle.
     * @param fromZone   zone left, or {@code Ledger.NO_ZONE}.
     * @param toZone     zone entered.
     * @param movementId the movement's id in the {@link MovementLedger}.
     * @param reason     the movement's {@link MovementLedger} reason.
     * @param nowMs      record time.
     * @param pipeline   the pipeline, to emit events.
     */
    default void onItemMoved(
        final OperationsExtension ops,
        final int tag,
        final int fromZone,
        final int toZone,
        final long movementId,
        final int reason,
        final long nowMs,
        final Pipeline pipeline)
    {
    }

    /**
     * An item left stock. Called before the item's counted zone is cleared, so {@link OperationsExtension#zoneOf}
     * still answers the zone it left ({@code fromZone}).
     *
     * @param ops      the operations extension.
     * @param tag      the core ledger's tag handle.
     * @param fromZone zone it was counted in.
     * @param reason   {@link MovementLedger} reason (ISSUE, SHIP, CONSUME, RETIRED, ...).
     * @param nowMs    record time.
     * @param pipeline the pipeline, to emit events.
     */
    default void onItemIssued(
        final OperationsExtension ops,
        final int tag,
        final int fromZone,
        final int reason,
        final long nowMs,
        final Pipeline pipeline)
    {
    }
}
