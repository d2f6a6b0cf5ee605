package dev.inventory.core.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MovementLedgerTest
{
    @Test
    void shouldKeepNewestRowsWhenRingWrapsAround()
    {
        final MovementLedger ledger = new MovementLedger(4);
        for (int i = 0; i < 3; i++)
        {
            final long id = ledger.nextMovementId();
            ledger.append(id, 100 + i, i, 0x30L, i, 7, 0, 1, 2, -1, MovementLedger.TRANSFER);
            ledger.append(id, 100 + i, i, 0x30L, i, 7, 0, 2, 1, 1, MovementLedger.TRANSFER);
        }

        assertThat(ledger.rowCount()).isEqualTo(6);
        assertThat(ledger.movementCount()).isEqualTo(3);
        assertThat(ledger.firstRow()).isEqualTo(2);
        assertThat(ledger.movementId(2)).isEqualTo(2);
        assertThat(ledger.movementId(5)).isEqualTo(3);
        assertThat(ledger.timeMs(5)).isEqualTo(102);
        assertThat(ledger.fromZone(4)).isEqualTo(1).isEqualTo(ledger.fromZone(5));
        assertThat(ledger.toZone(4)).isEqualTo(2).isEqualTo(ledger.toZone(5));
        assertThat(ledger.zone(4)).isEqualTo(1);
        assertThat(ledger.zone(5)).isEqualTo(2);
    }

    @Test
    void shouldRejectCapacityWhenNotPowerOfTwo()
    {
        assertThatThrownBy(() -> new MovementLedger(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
